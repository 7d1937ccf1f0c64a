package dev.colorize.worker;

import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.messaging.JobConsumer;
import dev.colorize.worker.messaging.ModelEventListener;
import dev.colorize.worker.messaging.ResultPublisher;
import dev.colorize.worker.metrics.WorkerMetrics;
import dev.colorize.worker.model.ModelCatalog;
import dev.colorize.worker.model.ModelRegistryReader;
import dev.colorize.worker.service.PageBatchProcessor;
import dev.colorize.worker.storage.StoreRetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/** Starts the model event listener and the job loop with the service, and stops them before the models close. */
@ApplicationScoped
public class WorkerLifecycle {

    private static final Logger LOG = Logger.getLogger(WorkerLifecycle.class);

    private final WorkerConfig config;
    private final ModelCatalog catalog;
    private final ModelRegistryReader registry;
    private final KafkaClients kafka;
    private final ObjectStore store;
    private final ResultPublisher publisher;
    private final WorkerMetrics metrics;
    private ModelEventListener listener;
    private PageBatchProcessor<ConsumerRecord<String, byte[]>> processor;
    private JobConsumer jobs;

    public WorkerLifecycle(WorkerConfig config, ModelCatalog catalog, ModelRegistryReader registry, KafkaClients kafka,
            ObjectStore store, ResultPublisher publisher, WorkerMetrics metrics) {
        this.config = config;
        this.catalog = catalog;
        this.registry = registry;
        this.kafka = kafka;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        checkRetriesFitThePollInterval();
        store.ensureBucket();
        listener = new ModelEventListener(config.id(), config, catalog, registry, kafka).start();
        processor = new PageBatchProcessor<>(config.id(), config, store, catalog, publisher, publisher, metrics);
        jobs = new JobConsumer(config.id(), config.jobs().topic(), config.jobs().group(), config, kafka, catalog,
                processor).start();
        metrics.watch(() -> catalog.versionInUse().orElse(0), jobs::lag);
    }

    /** A batch backs off at most three times (read, pinned model, write): that must leave room for inference. */
    private void checkRetriesFitThePollInterval() {
        Duration backoff = new StoreRetry(config.retry()).worstCaseBackoff().multipliedBy(3);
        Duration pollInterval = config.jobs().maxPollInterval();
        if (backoff.compareTo(pollInterval.dividedBy(2)) > 0) {
            throw new IllegalStateException("colorize.worker.retry settings can back off for " + backoff.toSeconds()
                    + " s in one batch, more than half of colorize.worker.jobs.max-poll-interval (" + pollInterval
                    + "): lower the retries or raise the interval");
        }
        LOG.infof("Batches of up to %d; worst-case backoff %d s of a %d s poll interval", config.jobs().maxBatch(),
                backoff.toSeconds(), pollInterval.toSeconds());
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (jobs != null) {
            jobs.stop();
            listener.stop();
            processor.close();
        }
    }
}
