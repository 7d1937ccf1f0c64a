package dev.colorize.trainer.messaging;

import dev.colorize.service.persistence.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Publishes trainer_outbox rows to Kafka in id order, right after the change commits and again on a
 * timer until Kafka takes them: the database change stands even while Kafka is down, and its event
 * follows. Rows are claimed with SKIP LOCKED so replicas do not send the same row at once; delivery is
 * at least once (consumers act on an alias's version, so a repeat is harmless).
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    private static final int BATCH = 100;

    private record Pending(long id, String topic, String key, String payload) {}

    private final Jdbc jdbc;
    private final Producer<String, String> producer;

    public EventRelay(Jdbc jdbc, Producer<String, String> producer) {
        this.jdbc = jdbc;
        this.producer = producer;
    }

    @Scheduled(every = "${colorize.trainer.relay.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        publishPending();
    }

    /** Sends what is pending; returns how many rows were published. Failures wait for the next tick. */
    public synchronized int publishPending() {
        try {
            return jdbc.inTransaction(c -> {
                int sent = 0;
                for (Pending row : Jdbc.query(c, "SELECT id, topic, message_key, payload FROM trainer_outbox "
                        + "WHERE published_at IS NULL ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED",
                        r -> new Pending(r.getLong("id"), r.getString("topic"), r.getString("message_key"),
                                r.getString("payload")))) {
                    try {
                        producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()))
                                .get(15, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        if (e instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                        }
                        // keep order: later rows wait behind this one
                        LOG.warnf("model event %d not published yet (%s); retrying on the next tick", row.id(),
                                e.getMessage());
                        break;
                    }
                    Jdbc.update(c, "UPDATE trainer_outbox SET published_at = now() WHERE id = ?", row.id());
                    sent++;
                }
                return sent;
            });
        } catch (RuntimeException e) {
            LOG.warnf("model event relay failed: %s", e.getMessage());
            return 0;
        }
    }
}
