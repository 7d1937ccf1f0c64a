package dev.colorize.service.outbox;

import dev.colorize.platform.messaging.Message;
import dev.colorize.platform.messaging.MessageCodec;

/** One Kafka record to send once the transaction that wrote it commits. */
public record OutboxMessage(String topic, String key, String payload) {

    public static OutboxMessage of(String topic, Message message) {
        return new OutboxMessage(topic, message.key(), MessageCodec.encodeToString(message));
    }
}
