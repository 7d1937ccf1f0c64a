package dev.colorize.worker.messaging;

import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.health.WorkerLoop;
import dev.colorize.worker.messaging.OffsetTracker.Batch;
import dev.colorize.worker.model.ModelCatalog;
import dev.colorize.worker.service.PageBatchProcessor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.jboss.logging.Logger;

/**
 * The job loop, on its own thread (the only one that touches the {@link KafkaConsumer}): waits for a
 * model, then collects jobs like a dynamic batcher (up to max-batch, or until max-queue-delay after the
 * first one) and hands each batch to the processor's pipeline, keeping up to {@code jobs.pipeline-depth}
 * batches in flight so the next batch is read while one is in its forward pass and the previous one is
 * written. Offsets are committed in order, as the {@link OffsetTracker} says: per partition, only up to the
 * first job whose result or dead letter is not yet acknowledged (at-least-once). When a batch could not be
 * made durable, the batches in flight are finished, then every partition is rewound to its first
 * unacknowledged job and tried again.
 */
public final class JobConsumer implements Runnable, WorkerLoop {

    private static final Logger LOG = Logger.getLogger(JobConsumer.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    /** How long a poll waits while batches are in flight: their completions are committed in between. */
    private static final Duration BUSY_POLL = Duration.ofMillis(10);

    private final String workerId;
    private final String topic;
    private final int maxBatch;
    private final int pipelineDepth;
    private final long maxQueueDelayNanos;
    private final Duration rewindBackoff;
    /** A drain (rewind, rebalance) waits without polling: it must end well within the poll interval. */
    private final Duration drainTimeout;
    private final ModelCatalog catalog;
    private final PageBatchProcessor<ConsumerRecord<String, byte[]>> processor;
    private final KafkaConsumer<String, byte[]> consumer;
    /** Records polled but not yet processed; a poll can return more than one batch takes. */
    private final Deque<ConsumerRecord<String, byte[]>> buffer = new ArrayDeque<>();
    private final OffsetTracker offsets = new OffsetTracker();
    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private int batchesInFlight;
    private boolean rewindNeeded;
    private long firstArrivalNanos;
    private volatile boolean running = true;
    private volatile boolean halted;
    private volatile String failure;
    private volatile int inFlight;
    private volatile long lag;
    private Thread thread;

    public JobConsumer(String workerId, String topic, String group, WorkerConfig config, KafkaClients kafka,
            ModelCatalog catalog, PageBatchProcessor<ConsumerRecord<String, byte[]>> processor) {
        this.workerId = workerId;
        this.topic = topic;
        this.maxBatch = config.jobs().maxBatch();
        this.pipelineDepth = Math.max(1, config.jobs().pipelineDepth());
        this.maxQueueDelayNanos = config.jobs().maxQueueDelay().toNanos();
        this.rewindBackoff = config.retry().initialBackoff();
        this.drainTimeout = config.jobs().maxPollInterval().dividedBy(2);
        this.catalog = catalog;
        this.processor = processor;
        Properties extra = new Properties();
        // One poll never hands out more than a batch.
        extra.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxBatch));
        extra.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(config.jobs().maxPollInterval().toMillis()));
        this.consumer = kafka.consumer(workerId + "-jobs", group, extra);
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
        stop();
    }

    /** Jobs taken into batches whose offsets are not committed yet. */
    public int inFlight() {
        return inFlight;
    }

    /** Jobs behind the end of this consumer's partitions, as of its last poll. */
    public long lag() {
        return lag;
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
            consumer.subscribe(List.of(topic), new FinishRevoked());
            LOG.infof("Worker %s consumes %s in batches of up to %d, %d in flight", workerId, topic, maxBatch,
                    pipelineDepth);
            while (running && !halted) {
                settle(Duration.ZERO);
                if (rewindNeeded) {
                    rewind();
                    continue;
                }
                if (pipelineFull()) {
                    awaitCapacity();
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> batch = collect();
                if (!batch.isEmpty()) {
                    submit(batch);
                } else if (batchesInFlight == 0) {
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

    private List<ConsumerRecord<String, byte[]>> collect() {
        while (running && buffer.size() < maxBatch) {
            long waitNanos = buffer.isEmpty()
                    ? (batchesInFlight == 0 ? IDLE_POLL : BUSY_POLL).toNanos()
                    : firstArrivalNanos + maxQueueDelayNanos - System.nanoTime();
            if (waitNanos <= 0) {
                break;
            }
            boolean wasEmpty = buffer.isEmpty();
            // with batches in flight, wait in short polls so their completions are committed meanwhile
            consumer.poll(Duration.ofNanos(batchesInFlight == 0 ? waitNanos : Math.min(waitNanos, BUSY_POLL.toNanos())))
                    .forEach(buffer::add);
            lag = consumer.assignment().stream().mapToLong(tp -> consumer.currentLag(tp).orElse(0)).sum();
            if (buffer.isEmpty()) {
                return List.of(); // idle: let the loop commit and look after the model
            }
            if (wasEmpty) {
                firstArrivalNanos = System.nanoTime();
            }
            if (batchesInFlight > 0 && buffer.size() < maxBatch) {
                settle(Duration.ZERO);
                if (rewindNeeded) {
                    return List.of();
                }
            }
        }
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(Math.min(maxBatch, buffer.size()));
        while (batch.size() < maxBatch && !buffer.isEmpty()) {
            batch.add(buffer.poll());
        }
        firstArrivalNanos = System.nanoTime(); // leftovers wait at most one more delay for company
        return batch;
    }

    private void submit(List<ConsumerRecord<String, byte[]>> records) {
        Batch batch = offsets.take(records);
        batchesInFlight++;
        updateInFlight();
        CompletableFuture<Void> done;
        try {
            done = processor.submit(records.stream().map(JobRecords::read).toList());
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((v, e) -> finished.add(new Finished(batch, e)));
    }

    /** Depth reached, or the pages in flight reach the pixel cap (or are not all measured yet). */
    private boolean pipelineFull() {
        return batchesInFlight >= pipelineDepth || (batchesInFlight > 0 && !processor.inFlightPixels().hasRoom());
    }

    /**
     * While the pipeline is full, or its pages' pixels reach the cap: keeps polling (partitions paused) so the
     * group sees this member alive.
     */
    private void awaitCapacity() {
        consumer.pause(consumer.assignment());
        try {
            while (running && !halted && !rewindNeeded && pipelineFull()) {
                consumer.poll(Duration.ZERO); // paused: no records, but heartbeats, rebalances and the poll timer
                // a batch's headers are read in milliseconds; a batch finishing wakes this at once anyway
                settle(batchesInFlight >= pipelineDepth ? Duration.ofMillis(50) : Duration.ofMillis(2));
            }
        } finally {
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Takes in finished batches (waiting up to {@code wait} for the first), marks their jobs acknowledged
     * and commits each partition up to its first job not acknowledged yet.
     */
    private void settle(Duration wait) {
        try {
            Finished f = wait.isZero() ? finished.poll() : finished.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            while (f != null) {
                batchesInFlight--;
                if (f.error() == null) {
                    offsets.acknowledge(f.batch());
                } else {
                    Throwable cause = f.error() instanceof CompletionException && f.error().getCause() != null
                            ? f.error().getCause() : f.error();
                    LOG.errorf(cause, "Batch of %d failed; rewinding to retry it", f.batch().size());
                    rewindNeeded = true;
                }
                f = finished.poll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        commit(offsets.commitPoints());
        updateInFlight();
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> points) {
        if (points.isEmpty() || halted) {
            return;
        }
        try {
            consumer.commitSync(points);
            offsets.clearPendingCommits();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // Our partitions moved on: the new owner redelivers these jobs and overwrites the same result keys.
            LOG.warnf("Could not commit offsets %s after a rebalance: %s", points, e.getMessage());
            offsets.clearPendingCommits();
        } catch (KafkaException e) {
            LOG.warnf("Could not commit offsets %s, trying again with the next batch: %s", points, e.getMessage());
            offsets.keepPendingCommitsFor(consumer.assignment());
        }
    }

    /** Waits until every batch in flight finished and what could be committed is. */
    private void drain() {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (batchesInFlight > 0 && !halted && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            settle(Duration.ofMillis(100));
        }
        if (batchesInFlight > 0) {
            LOG.warnf("%d batches of %s still in flight; their jobs are redelivered", batchesInFlight, workerId);
        }
        settle(Duration.ZERO);
    }

    /** A batch was not made durable: finish the others, then go back to each partition's first unacknowledged job. */
    private void rewind() {
        drain();
        rewindNeeded = false;
        Map<TopicPartition, Long> first = offsets.rewind();
        buffer.removeIf(r -> first.containsKey(new TopicPartition(r.topic(), r.partition())));
        try {
            first.forEach((tp, offset) -> {
                if (consumer.assignment().contains(tp)) {
                    consumer.seek(tp, offset);
                }
            });
        } catch (KafkaException e) {
            LOG.warnf("Could not rewind: %s", e.getMessage());
        }
        updateInFlight();
        sleep(rewindBackoff);
    }

    private void updateInFlight() {
        inFlight = offsets.inFlight();
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private record Finished(Batch batch, Throwable error) {}

    /**
     * Before partitions go to another member: the batches in flight are finished and committed as far as
     * acknowledged, and what is left of the revoked partitions (buffered or unacknowledged) is theirs to redo.
     */
    private final class FinishRevoked implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            if (!halted) {
                drain();
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // no longer ours: committing would fail; the new owner redoes whatever was not committed
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            offsets.forget(partitions);
            buffer.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            updateInFlight();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.debugf("%s assigned %s", workerId, partitions);
        }
    }
}
