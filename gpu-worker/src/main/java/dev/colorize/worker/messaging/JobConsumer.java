package dev.colorize.worker.messaging;

import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.health.WorkerLoop;
import dev.colorize.worker.messaging.OffsetTracker.Batch;
import dev.colorize.worker.model.ModelCatalog;
import dev.colorize.worker.service.PageBatchProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The job loop, on its own thread (the only one that touches the {@link KafkaConsumer}): waits for a
 * model, then collects jobs into micro-batches ({@link JobBatcher}) and hands each batch to the processor's
 * pipeline, keeping up to {@code jobs.pipeline-depth} batches in flight so the next batch is read while one is in its forward pass and the previous one is
 * written. Offsets are committed in order ({@link BatchCommits}): per partition, only up to the first job
 * whose result or dead letter is not yet acknowledged (at-least-once). When a batch could not be
 * made durable, the batches in flight are finished, then every partition is rewound to its first
 * unacknowledged job and tried again.
 */
public final class JobConsumer implements Runnable, WorkerLoop {

    private static final Logger LOG = Logger.getLogger(JobConsumer.class);

    private final String workerId;
    private final String topic;
    private final int maxBatch;
    private final int pipelineDepth;
    private final Duration rewindBackoff;
    /** A drain (rewind, rebalance) waits without polling: it must end well within the poll interval. */
    private final Duration drainTimeout;
    private final ModelCatalog catalog;
    private final PageBatchProcessor<ConsumerRecord<String, byte[]>> processor;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BatchCommits commits;
    private final JobBatcher batcher;
    private volatile boolean running = true;
    private volatile boolean halted;
    private volatile String failure;
    private Thread thread;

    public JobConsumer(String workerId, String topic, String group, WorkerConfig config, KafkaClients kafka,
            ModelCatalog catalog, PageBatchProcessor<ConsumerRecord<String, byte[]>> processor) {
        this.workerId = workerId;
        this.topic = topic;
        this.maxBatch = config.jobs().maxBatch();
        this.pipelineDepth = Math.max(1, config.jobs().pipelineDepth());
        this.rewindBackoff = config.retry().initialBackoff();
        this.drainTimeout = config.jobs().maxPollInterval().dividedBy(2);
        this.catalog = catalog;
        this.processor = processor;
        Properties extra = new Properties();
        // One poll never hands out more than a batch.
        extra.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxBatch));
        extra.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(config.jobs().maxPollInterval().toMillis()));
        this.consumer = kafka.consumer(workerId + "-jobs", group, extra);
        this.commits = new BatchCommits(consumer);
        this.batcher = new JobBatcher(consumer, commits, maxBatch, config.jobs().maxQueueDelay());
    }

    public JobConsumer start() {
        thread = new Thread(this, workerId + "-jobs");
        thread.start();
        return this;
    }

    /** Finishes (and commits) the batches in hand, then leaves the group. */
    public void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** Stops like a crash would: the batches in hand are never committed, so their jobs are redelivered. */
    public void halt() throws InterruptedException {
        halted = true;
        commits.halt();
        stop();
    }

    /** Jobs taken into batches whose offsets are not committed yet. */
    public int inFlight() {
        return commits.jobsInFlight();
    }

    /** Jobs behind the end of this consumer's partitions, as of its last poll. */
    public long lag() {
        return batcher.lag();
    }

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void run() {
        try {
            if (!awaitModel()) {
                return;
            }
            consumer.subscribe(List.of(topic), new FinishRevoked(workerId, commits, batcher, () -> {
                if (!halted) {
                    drain();
                }
            }));
            LOG.infof("Worker %s consumes %s in batches of up to %d, %d in flight", workerId, topic, maxBatch,
                    pipelineDepth);
            while (running && !halted) {
                commits.settleNow();
                if (commits.rewindNeeded()) {
                    rewind();
                    continue;
                }
                if (pipelineFull()) {
                    awaitCapacity();
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> batch = batcher.collect(() -> running);
                if (!batch.isEmpty()) {
                    submit(batch);
                } else if (commits.batchesInFlight() == 0) {
                    processor.switchModelIfIdle(); // an idle worker still switches to a promoted model
                }
            }
            if (!halted) {
                drain(); // a clean stop finishes and commits what it took
            }
        } catch (RuntimeException | Error e) {
            failure = e.toString(); // liveness turns DOWN: a worker that takes no jobs must be restarted
            LOG.errorf(e, "Job loop of %s stopped", workerId);
        } finally {
            consumer.close(halted ? Duration.ZERO : Duration.ofSeconds(5));
        }
    }

    /** Jobs stay queued (not even polled) until a model can color them. */
    private boolean awaitModel() {
        boolean logged = false;
        while (running && !catalog.hasModel()) {
            if (!logged) {
                LOG.infof("Worker %s waits for a model for '%s' before taking jobs", workerId, catalog.alias());
                logged = true;
            }
            sleep(Duration.ofMillis(200));
        }
        return running;
    }

    private void submit(List<ConsumerRecord<String, byte[]>> records) {
        Batch batch = commits.take(records);
        CompletableFuture<Void> done;
        try {
            done = processor.submit(records.stream().map(JobRecords::read).toList());
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((v, e) -> commits.ended(batch, e));
    }

    /** Depth reached, or the pages in flight reach the pixel cap (or are not all measured yet). */
    private boolean pipelineFull() {
        int batches = commits.batchesInFlight();
        return batches >= pipelineDepth || (batches > 0 && !processor.inFlightPixels().hasRoom());
    }

    /**
     * While the pipeline is full, or its pages' pixels reach the cap: keeps polling (partitions paused) so the
     * group sees this member alive.
     */
    private void awaitCapacity() {
        consumer.pause(consumer.assignment());
        try {
            while (running && !halted && !commits.rewindNeeded() && pipelineFull()) {
                consumer.poll(Duration.ZERO); // paused: no records, but heartbeats, rebalances and the poll timer
                // a batch's headers are read in milliseconds; a batch finishing wakes this at once anyway
                settle(commits.batchesInFlight() >= pipelineDepth ? Duration.ofMillis(50) : Duration.ofMillis(2));
            }
        } finally {
            consumer.resume(consumer.paused());
        }
    }

    private void settle(Duration wait) {
        try {
            commits.settle(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Waits until every batch in flight finished and what could be committed is. */
    private void drain() {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (commits.batchesInFlight() > 0 && !halted && System.nanoTime() < deadline
                && !Thread.currentThread().isInterrupted()) {
            settle(Duration.ofMillis(100));
        }
        if (commits.batchesInFlight() > 0) {
            LOG.warnf("%d batches of %s still in flight; their jobs are redelivered", commits.batchesInFlight(),
                    workerId);
        }
        commits.settleNow();
    }

    /** A batch was not made durable: finish the others, then go back to each partition's first unacknowledged job. */
    private void rewind() {
        drain();
        Map<TopicPartition, Long> first = commits.rewind();
        batcher.drop(first.keySet());
        try {
            first.forEach((tp, offset) -> {
                if (consumer.assignment().contains(tp)) {
                    consumer.seek(tp, offset);
                }
            });
        } catch (KafkaException e) {
            LOG.warnf("Could not rewind: %s", e.getMessage());
        }
        sleep(rewindBackoff);
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
