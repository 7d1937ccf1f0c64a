package dev.colorize.worker.messaging;

import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.messaging.UnsupportedMessageException;
import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.model.ModelCatalog;
import dev.colorize.worker.model.ModelRegistryReader;
import dev.colorize.worker.model.ModelVersionRef;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Follows the model events topic on its own thread, with no consumer group so that every worker sees
 * every promotion, and loads promoted versions in the background. It starts at the topic's end and
 * then reads the registry, so a promotion made before the seek is in the registry and one made after
 * it is an event: none is missed.
 */
public final class ModelEventListener implements Runnable {

    private static final Logger LOG = Logger.getLogger(ModelEventListener.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String workerId;
    private final ModelCatalog catalog;
    private final ModelRegistryReader registry;
    private final KafkaClients kafka;
    private final Duration registryRecheck;
    private volatile boolean running = true;
    private Thread thread;

    public ModelEventListener(String workerId, WorkerConfig config, ModelCatalog catalog, ModelRegistryReader registry,
            KafkaClients kafka) {
        this.workerId = workerId;
        this.catalog = catalog;
        this.registry = registry;
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
    public void run() {
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
                    }
                }
                if (lastRegistryCheck == 0 || (!catalog.hasModel()
                        && System.nanoTime() - lastRegistryCheck > registryRecheck.toNanos())) {
                    refreshFromRegistry();
                    lastRegistryCheck = System.nanoTime();
                }
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                } else {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        handle(record);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Model event listener of %s stopped; promotions will not be followed", workerId);
        }
    }

    private void refreshFromRegistry() {
        try {
            catalog.refreshFromRegistry();
        } catch (RuntimeException e) {
            LOG.errorf("Cannot read the model registry (will retry): %s", e.getMessage());
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        ModelEvent event;
        try {
            event = MessageCodec.decode(record.value(), ModelEvent.class);
        } catch (UnsupportedMessageException e) {
            LOG.warnf("Ignoring an unreadable model event at offset %d: %s", record.offset(), e.getMessage());
            return;
        }
        if (event.type() != ModelEvent.Type.PROMOTED || !catalog.alias().equals(event.alias())) {
            return;
        }
        LOG.infof("Version %d promoted to '%s'; loading it in the background", event.version(), event.alias());
        if (event.artifactKey() != null && event.sha256() != null) {
            catalog.promote(new ModelVersionRef(event.version(), event.artifactKey(), event.sha256()));
        } else {
            registry.forVersion(event.version()).ifPresentOrElse(catalog::promote,
                    () -> LOG.errorf("Promoted version %d is not in the registry; ignored", event.version()));
        }
    }
}
