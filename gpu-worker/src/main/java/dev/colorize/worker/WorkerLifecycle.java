package dev.colorize.worker;

import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.health.WorkerLoop;
import dev.colorize.worker.messaging.JobConsumer;
import dev.colorize.worker.messaging.ModelEventListener;
import dev.colorize.worker.messaging.ResultPublisher;
import dev.colorize.worker.metrics.WorkerMetrics;
import dev.colorize.worker.model.ModelCatalog;
import dev.colorize.worker.persistence.PageAttemptsTable;
import dev.colorize.worker.service.PageBatchProcessor;
import dev.colorize.worker.storage.RetryingPageStore;
import dev.colorize.worker.storage.StoreRetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Starts the model event listener and the job loop with the service, and stops them before the models close. */
@ApplicationScoped
public class WorkerLifecycle {

    private final WorkerConfig config;
    private final ModelCatalog catalog;
    private final KafkaClients kafka;
    private final ObjectStore store;
    private final ResultPublisher publisher;
    private final PageAttemptsTable attempts;
    private final WorkerMetrics metrics;
    private ModelEventListener listener;
    private PageBatchProcessor<ConsumerRecord<String, byte[]>> processor;
    private JobConsumer jobs;

    public WorkerLifecycle(WorkerConfig config, ModelCatalog catalog, KafkaClients kafka, ObjectStore store,
            ResultPublisher publisher, PageAttemptsTable attempts, WorkerMetrics metrics) {
        this.config = config;
        this.catalog = catalog;
        this.kafka = kafka;
        this.store = store;
        this.publisher = publisher;
        this.attempts = attempts;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        store.ensureBucket();
        listener = new ModelEventListener(config.id(), config, catalog, kafka).start();
        processor = new PageBatchProcessor<>(config.id(), config, new RetryingPageStore(store, new StoreRetry(config.retry())),
                catalog, publisher, publisher, attempts, metrics);
        jobs = new JobConsumer(config.id(), config.jobs().topic(), config.jobs().group(), config, kafka, catalog,
                processor).start();
        metrics.watch(() -> catalog.versionInUse().orElse(0), jobs::lag);
    }

    /** The loops liveness watches (none before start). */
    public List<WorkerLoop> loops() {
        return jobs == null ? List.of() : List.of(jobs, listener);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (jobs != null) {
            jobs.stop();
            listener.stop();
            processor.close();
        }
    }
}
