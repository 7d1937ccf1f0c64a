package dev.colorize.trainer.messaging;

import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/** Writes a model event in the transaction of the change it announces; {@link EventRelay} sends it. */
@ApplicationScoped
public class EventOutbox {

    public void add(Connection tx, ModelEvent event) throws SQLException {
        Jdbc.update(tx, "INSERT INTO trainer_outbox (topic, message_key, payload) VALUES (?, ?, ?)",
                Topics.MODEL_EVENTS, event.key(), MessageCodec.encodeToString(event));
    }
}
