package dev.colorize.worker.messaging;

import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.messaging.UnsupportedMessageException;
import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.health.WorkerLoop;
import dev.colorize.worker.model.ModelCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Follows the model events topic on its own thread, with no consumer group so that every worker sees
 * every promotion, and loads promoted versions in the background. It starts at the topic's end and
 * then reads the registry, so a promotion made before the seek is in the registry and one made after
 * it is an event: none is missed. An event only says that the alias moved: which version, artifact and
 * SHA-256 to load come from the registry, so a forged event cannot make a worker load anything.
 *
 * <p>Whatever stops it (a broker outage at start, any exception) it starts over with a fresh consumer after
 * a backoff; a promotion whose download failed is retried from the registry until it loads or is refused.
 */
public final class ModelEventListener implements Runnable, WorkerLoop {

    private static final Logger LOG = Logger.getLogger(ModelEventListener.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration FIRST_RESTART_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(30);

    private final String workerId;
    private final ModelCatalog catalog;
    private final KafkaClients kafka;
    private final Duration registryRecheck;
    private volatile boolean running = true;
    private volatile String failure;
    private volatile int restarts;
    private Duration restartBackoff = FIRST_RESTART_BACKOFF;
    private Thread thread;

    public ModelEventListener(String workerId, WorkerConfig config, ModelCatalog catalog, KafkaClients kafka) {
        this.workerId = workerId;
        this.catalog = catalog;
        this.kafka = kafka;
        this.registryRecheck = config.model().registryRecheck();
    }

    public ModelEventListener start() {
        thread = new Thread(this, workerId + "-model-events");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    public void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    @Override
    public String name() {
        return "model-events";
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** How often the listener started over after a failure. */
    public int restarts() {
        return restarts;
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    follow();
                } catch (RuntimeException e) {
                    restarts++;
                    LOG.errorf("Model event listener of %s failed; starting over in %d ms (restart %d): %s", workerId,
                            restartBackoff.toMillis(), restarts, e);
                    pause(restartBackoff);
                    restartBackoff = min(restartBackoff.multipliedBy(2), MAX_RESTART_BACKOFF);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            failure = e.toString(); // liveness turns DOWN
            LOG.errorf(e, "Model event listener of %s stopped; promotions will not be followed", workerId);
        }
    }

    private void follow() throws InterruptedException {
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(workerId + "-model-events", null, new Properties())) {
            long lastRegistryCheck = 0;
            while (running) {
                if (consumer.assignment().isEmpty()) {
                    List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODEL_EVENTS).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    if (!partitions.isEmpty()) {
                        consumer.assign(partitions);
                        consumer.seekToEnd(partitions);
                        partitions.forEach(consumer::position); // resolve the end now, before reading the registry
                        lastRegistryCheck = 0;
                        restartBackoff = FIRST_RESTART_BACKOFF;
                    }
                }
                if (lastRegistryCheck == 0 || ((!catalog.hasModel() || catalog.promotionFailed())
                        && System.nanoTime() - lastRegistryCheck > registryRecheck.toNanos())) {
                    lastRegistryCheck = refreshFromRegistry() ? System.nanoTime() : 1; // 1: owed, ask at the next recheck
                }
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                } else {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        if (promotesOurAlias(record) && !refreshFromRegistry()) {
                            lastRegistryCheck = 1;
                        }
                    }
                }
            }
        }
    }

    /** Loads what the registry's alias points at; false when the registry could not be read (asked again later). */
    private boolean refreshFromRegistry() {
        try {
            catalog.refreshFromRegistry();
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("Cannot read the model registry (will retry): %s", e.getMessage());
            return false;
        }
    }

    private boolean promotesOurAlias(ConsumerRecord<String, byte[]> record) {
        ModelEvent event;
        try {
            event = MessageCodec.decode(record.value(), ModelEvent.class);
        } catch (UnsupportedMessageException e) {
            LOG.warnf("Ignoring an unreadable model event at offset %d: %s", record.offset(), e.getMessage());
            return false;
        }
        if (event.type() != ModelEvent.Type.PROMOTED || !catalog.alias().equals(event.alias())) {
            return false;
        }
        LOG.infof("Version %d promoted to '%s'; loading what the registry says in the background", event.version(),
                event.alias());
        return true;
    }

    private void pause(Duration d) throws InterruptedException {
        long deadline = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
