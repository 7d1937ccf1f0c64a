package dev.colorize.service.outbox;

import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.service.persistence.Jdbc;
import java.sql.Array;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in id order with an idempotent producer. A batch is locked (SKIP LOCKED, so
 * several replicas, of one service or of several, share the work), sent, acknowledged by the broker, and
 * only the acknowledged rows are marked published in the same transaction. While Kafka is down the batch
 * rolls back and is tried again: delivery is at least once (a crash between the broker's ack and the
 * commit resends), which every consumer tolerates. Writers wake the relay so messages leave at once
 * rather than at the next poll. Published rows older than the retention are pruned on start and hourly.
 *
 * <p>Not a bean by itself: each service that writes the outbox produces one from its own configuration.
 */
public final class OutboxRelay {

    /** How the relay's service configures it; {@code retention}: how long published rows are kept. */
    public record Settings(String clientId, int batchSize, Duration pollInterval, Duration retention) {
    }

    private static final long PRUNE_EVERY_NANOS = Duration.ofHours(1).toNanos();

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Jdbc jdbc;
    private final Producer<String, String> producer;
    private final OutboxSender sender;
    private final int batchSize;
    private final long pollMillis;
    private final IntConsumer published;
    private final OutboxPruner pruner;
    private long prunedAt;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(Jdbc jdbc, Producer<String, String> producer, Settings settings, IntConsumer published) {
        this.jdbc = jdbc;
        this.producer = producer;
        this.sender = new OutboxSender(producer);
        this.batchSize = settings.batchSize();
        this.pollMillis = settings.pollInterval().toMillis();
        this.published = published;
        this.pruner = new OutboxPruner(jdbc, settings.retention());
    }

    /** A running relay; {@code published} hears how many rows each batch published. */
    public static OutboxRelay start(Jdbc jdbc, KafkaClients kafka, Settings settings, IntConsumer published) {
        Properties failFast = new Properties();
        // fail a batch within seconds while the broker is away, so the loop retries from the table
        failFast.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        failFast.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        failFast.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        OutboxRelay relay = new OutboxRelay(jdbc, kafka.producer(settings.clientId(), new StringSerializer(), failFast),
                settings, published);
        relay.running = true;
        relay.thread = new Thread(relay::loop, "outbox-relay");
        relay.thread.setDaemon(true);
        relay.thread.start();
        return relay;
    }

    public void stop() throws InterruptedException {
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
        prunedAt = System.nanoTime() - PRUNE_EVERY_NANOS;
        while (running) {
            try {
                pruneWhenDue();
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

    private void pruneWhenDue() {
        if (System.nanoTime() - prunedAt >= PRUNE_EVERY_NANOS) {
            prunedAt = System.nanoTime();
            int pruned = pruner.prune();
            if (pruned > 0) {
                LOG.infof("Pruned %d published outbox rows", pruned);
            }
        }
    }

    /** Publishes up to one batch; returns how many rows it published. */
    int publishBatch() {
        return jdbc.inTransaction(c -> {
            List<OutboxRow> rows = Jdbc.query(c, """
                    SELECT id, topic, message_key, payload FROM outbox WHERE published_at IS NULL
                    ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""",
                    r -> new OutboxRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)), batchSize);
            if (rows.isEmpty()) {
                return 0;
            }
            List<Long> acknowledged = sender.send(rows);
            if (acknowledged.isEmpty()) {
                throw new IllegalStateException("Kafka took none of " + rows.size() + " outbox rows");
            }
            Array ids = c.createArrayOf("bigint", acknowledged.toArray());
            Jdbc.update(c, "UPDATE outbox SET published_at = now() WHERE id = ANY (?)", ids);
            published.accept(acknowledged.size());
            return acknowledged.size();
        });
    }

    private void sleep() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
