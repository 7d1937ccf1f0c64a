package dev.colorize.service.outbox;

import dev.colorize.platform.messaging.Message;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes messages into the outbox table inside the caller's transaction, so they exist exactly when the
 * change they announce commits; {@link OutboxRelay} sends them afterwards, in the order written.
 */
@ApplicationScoped
public class OutboxWriter {

    public void add(Connection tx, String topic, Message message) throws SQLException {
        add(tx, List.of(new OutboxMessage(topic, message.key(), MessageCodec.encodeToString(message))));
    }

    public void add(Connection tx, List<OutboxMessage> messages) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement(
                "INSERT INTO outbox (topic, message_key, payload) VALUES (?, ?, ?)")) {
            for (OutboxMessage m : messages) {
                Jdbc.bind(s, m.topic(), m.key(), m.payload());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
