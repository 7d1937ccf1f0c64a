package dev.colorize.service.outbox;

/** One Kafka record to send once the transaction that wrote it commits. */
public record OutboxMessage(String topic, String key, String payload) {
}
