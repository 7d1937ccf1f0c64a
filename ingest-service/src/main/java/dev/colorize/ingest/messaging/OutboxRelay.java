package dev.colorize.ingest.messaging;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.service.persistence.Jdbc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in id order with an idempotent producer. A batch is locked (SKIP LOCKED, so
 * several replicas share the work), sent, acknowledged by the broker, and only then marked published in
 * the same transaction. While Kafka is down the batch rolls back and is tried again: delivery is at least
 * once (a crash between the broker's ack and the commit resends), which the worker and the results
 * consumer tolerate. Uploads wake the relay so jobs leave at once rather than at the next poll.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private record Row(long id, String topic, String key, String payload) {
    }

    private final Jdbc jdbc;
    private final KafkaSettings kafka;
    private final int batchSize;
    private final long pollMillis;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private volatile boolean running;
    private KafkaProducer<String, String> producer;
    private Thread thread;

    public OutboxRelay(Jdbc jdbc, KafkaSettings kafka, IngestConfig config, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.batchSize = config.outbox().batchSize();
        this.pollMillis = config.outbox().pollInterval().toMillis();
        this.published = metrics.counter("colorize.ingest.outbox.published");
    }

    void start(@Observes StartupEvent event) {
        Map<String, Object> config = kafka.base("ingest-outbox-relay");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // fail a batch within seconds while the broker is away, so the loop retries from the table
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeUp();
        thread.join(10_000);
        producer.close();
    }

    /** Something was written to the outbox: publish now. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void loop() {
        while (running) {
            try {
                if (publishBatch() < batchSize) {
                    wakeUps.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Outbox relay could not publish, retrying: %s", e.getMessage());
                sleep();
            }
        }
    }

    /** Publishes up to one batch; returns how many rows it published. */
    int publishBatch() {
        return jdbc.inTransaction(c -> {
            List<Row> rows = Jdbc.query(c, """
                    SELECT id, topic, message_key, payload FROM outbox WHERE published_at IS NULL
                    ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""",
                    r -> new Row(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)), batchSize);
            if (rows.isEmpty()) {
                return 0;
            }
            List<Long> acknowledged = sendInOrder(rows);
            if (acknowledged.isEmpty()) {
                throw new IllegalStateException("Kafka took none of " + rows.size() + " outbox rows");
            }
            Array ids = c.createArrayOf("bigint", acknowledged.toArray());
            Jdbc.update(c, "UPDATE outbox SET published_at = now() WHERE id = ANY (?)", ids);
            published.increment(acknowledged.size());
            return acknowledged.size();
        });
    }

    /**
     * Sends rows in id order and returns the ids the broker acknowledged. A row the producer refused at
     * once (no metadata while the broker is away) stops the batch before later rows, so they cannot
     * reach Kafka now and be sent again on the retry; a row that failed after acceptance stays
     * unpublished while the rows that did arrive are marked, so no delivered row is ever re-sent.
     */
    private List<Long> sendInOrder(List<Row> rows) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Future<RecordMetadata> send = producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()));
            sends.add(send);
            if (send.isDone() && failed(send)) {
                break;
            }
        }
        producer.flush();
        List<Long> acknowledged = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            if (!failed(sends.get(i))) {
                acknowledged.add(rows.get(i).id());
            }
        }
        return acknowledged;
    }

    private static boolean failed(Future<RecordMetadata> send) {
        try {
            send.get();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException e) {
            LOG.debugf("outbox send failed: %s", e.getCause().getMessage());
            return true;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
