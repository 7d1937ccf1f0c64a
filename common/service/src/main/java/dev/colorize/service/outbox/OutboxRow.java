package dev.colorize.service.outbox;

/** An unpublished outbox row as the relay reads it. */
record OutboxRow(long id, String topic, String key, String payload) {
}
