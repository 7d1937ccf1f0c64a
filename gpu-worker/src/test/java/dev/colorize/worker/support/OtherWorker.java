package dev.colorize.worker.support;

import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.messaging.JobConsumer;
import dev.colorize.worker.messaging.ModelEventListener;
import dev.colorize.worker.messaging.ResultPublisher;
import dev.colorize.worker.metrics.WorkerMetrics;
import dev.colorize.worker.model.ModelCatalog;
import dev.colorize.worker.service.InFlightPixels;
import dev.colorize.worker.service.PageAttempts;
import dev.colorize.worker.service.PageBatchProcessor;
import dev.colorize.worker.service.PageStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A second worker instance in the test JVM: the same classes the service wires, on a topic of its own. */
public final class OtherWorker implements AutoCloseable {

    public final ModelCatalog catalog;
    public final JobConsumer jobs;
    public final ModelEventListener listener;
    private final PageBatchProcessor<ConsumerRecord<String, byte[]>> processor;

    OtherWorker(String id, String topic, String group, WorkerConfig config, KafkaClients kafka, ModelCatalog catalog,
            PageStore pageStore, ResultPublisher publisher, PageAttempts attempts, WorkerMetrics metrics) {
        this.catalog = catalog;
        this.listener = new ModelEventListener(id, config, catalog, kafka);
        this.processor = new PageBatchProcessor<>(id, config, pageStore, catalog, publisher, publisher, attempts, metrics);
        this.jobs = new JobConsumer(id, topic, group, config, kafka, catalog, processor);
    }

    /** The pixels its pages hold now, against its cap. */
    public InFlightPixels inFlightPixels() {
        return processor.inFlightPixels();
    }

    /** Starts following promotions (which loads the alias's version, if any) and the job loop. */
    public OtherWorker start() {
        listener.start();
        jobs.start();
        return this;
    }

    /** Dies as a killed process would: its batch in flight is neither finished nor committed, nor settled. */
    public void kill() throws InterruptedException {
        processor.close();
        jobs.halt();
        close();
    }

    @Override
    public void close() throws InterruptedException {
        jobs.stop();
        listener.stop();
        processor.close();
        catalog.close();
    }
}
