package dev.colorize.service.outbox;

/** A CDI event: the relay published this many outbox rows in one batch. */
public record OutboxPublished(int rows) {
}
