package dev.colorize.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The worker's meters (Prometheus at /q/metrics). Pages/s is rate(colorize_worker_pages_total[1m]);
 * the batch size, inference and end-to-end latency are histograms.
 */
@Singleton
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final Counter pagesDone;
    private final Counter pagesFailed;
    private final Counter pagesSkipped;
    private final Counter pagesDeadLettered;
    private final Counter modelsRefused;
    private final DistributionSummary batchSize;
    private final Timer inference;
    private final Timer endToEnd;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.pagesDone = pages("done");
        this.pagesFailed = pages("failed");
        this.pagesSkipped = pages("skipped");
        this.pagesDeadLettered = pages("dead-lettered");
        this.modelsRefused = Counter.builder("colorize.worker.models.refused")
                .description("Promoted model artifacts refused (checksum or integrity)").register(registry);
        this.batchSize = DistributionSummary.builder("colorize.worker.batch.size")
                .description("Jobs per batch").serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64).register(registry);
        this.inference = Timer.builder("colorize.worker.inference")
                .description("One forward pass over a batch").publishPercentileHistogram().register(registry);
        this.endToEnd = Timer.builder("colorize.worker.page.latency")
                .description("From the job's enqueue to its result event acknowledged").publishPercentileHistogram()
                .register(registry);
    }

    private Counter pages(String status) {
        return Counter.builder("colorize.worker.pages").tag("status", status)
                .description("Pages processed, by outcome").register(registry);
    }

    /** Gauges of the service's own consumer and catalog (a second in-process instance does not report). */
    public void watch(Supplier<Number> modelVersion, Supplier<Number> consumerLag) {
        Gauge.builder("colorize.worker.model.version", modelVersion).description("Model version serving the alias")
                .register(registry);
        Gauge.builder("colorize.worker.consumer.lag", consumerLag)
                .description("Jobs behind the end of the assigned partitions").register(registry);
    }

    public void pageDone(Duration endToEndLatency) {
        pagesDone.increment();
        endToEnd.record(endToEndLatency);
    }

    public void pageFailed() {
        pagesFailed.increment();
    }

    /** A page already in color, passed through. */
    public void pageSkipped() {
        pagesSkipped.increment();
    }

    public void pageDeadLettered() {
        pagesDeadLettered.increment();
    }

    public void batch(int size, Duration forwardPass) {
        batchSize.record(size);
        inference.record(forwardPass);
    }

    public void modelRefused() {
        modelsRefused.increment();
    }
}
