package dev.colorize.worker.messaging;

import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.model.ModelCatalog;
import dev.colorize.worker.service.PageBatchProcessor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * The job loop, on its own thread: waits for a model, then collects jobs like a dynamic batcher (up
 * to max-batch, or until max-queue-delay after the first one), has the batch processed, and commits
 * its offsets only once every result and dead letter is acknowledged (at-least-once). A batch that
 * could not be made durable is rewound and tried again.
 */
public final class JobConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(JobConsumer.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);

    private final String workerId;
    private final String topic;
    private final int maxBatch;
    private final long maxQueueDelayNanos;
    private final Duration rewindBackoff;
    private final ModelCatalog catalog;
    private final PageBatchProcessor processor;
    private final KafkaConsumer<String, byte[]> consumer;
    /** Records polled but not yet processed; a poll can return more than one batch takes. */
    private final Deque<ConsumerRecord<String, byte[]>> buffer = new ArrayDeque<>();
    private long firstArrivalNanos;
    private volatile boolean running = true;
    private volatile boolean halted;
    private volatile int inFlight;
    private volatile long lag;
    private Thread thread;

    public JobConsumer(String workerId, String topic, String group, WorkerConfig config, KafkaClients kafka,
            ModelCatalog catalog, PageBatchProcessor processor) {
        this.workerId = workerId;
        this.topic = topic;
        this.maxBatch = config.jobs().maxBatch();
        this.maxQueueDelayNanos = config.jobs().maxQueueDelay().toNanos();
        this.rewindBackoff = config.retry().initialBackoff();
        this.catalog = catalog;
        this.processor = processor;
        Properties extra = new Properties();
        // One poll never hands out more than a batch, so a batch's time bounds the time between polls.
        extra.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxBatch));
        extra.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(config.jobs().maxPollInterval().toMillis()));
        this.consumer = kafka.consumer(workerId + "-jobs", group, extra);
    }

    public JobConsumer start() {
        thread = new Thread(this, workerId + "-jobs");
        thread.start();
        return this;
    }

    /** Finishes (and commits) the batch in hand, then leaves the group. */
    public void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** Stops like a crash would: the batch in hand is never committed, so its jobs are redelivered. */
    public void halt() throws InterruptedException {
        halted = true;
        stop();
    }

    /** Jobs taken into a batch whose offsets are not committed yet. */
    public int inFlight() {
        return inFlight;
    }

    /** Jobs behind the end of this consumer's partitions, as of its last poll. */
    public long lag() {
        return lag;
    }

    @Override
    public void run() {
        try {
            if (!awaitModel()) {
                return;
            }
            consumer.subscribe(List.of(topic), new DropRevoked());
            LOG.infof("Worker %s consumes %s in batches of up to %d", workerId, topic, maxBatch);
            while (running) {
                List<ConsumerRecord<String, byte[]>> batch = collect();
                if (batch.isEmpty()) {
                    catalog.serving(); // an idle worker still switches to a promoted model
                } else {
                    processAndCommit(batch);
                }
            }
        } catch (RuntimeException e) {
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
            long waitNanos = buffer.isEmpty() ? IDLE_POLL.toNanos() : firstArrivalNanos + maxQueueDelayNanos - System.nanoTime();
            if (waitNanos <= 0) {
                break;
            }
            boolean wasEmpty = buffer.isEmpty();
            consumer.poll(Duration.ofNanos(waitNanos)).forEach(buffer::add);
            lag = consumer.assignment().stream().mapToLong(tp -> consumer.currentLag(tp).orElse(0)).sum();
            if (buffer.isEmpty()) {
                return List.of(); // idle: let the loop look after the model
            }
            if (wasEmpty) {
                firstArrivalNanos = System.nanoTime();
            }
        }
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(Math.min(maxBatch, buffer.size()));
        while (batch.size() < maxBatch && !buffer.isEmpty()) {
            batch.add(buffer.poll());
        }
        firstArrivalNanos = System.nanoTime(); // leftovers wait at most one more delay for company
        return batch;
    }

    private void processAndCommit(List<ConsumerRecord<String, byte[]>> batch) {
        inFlight = batch.size();
        try {
            processor.process(batch);
            if (halted) {
                return;
            }
            consumer.commitSync(nextOffsets(batch));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // Our partitions moved on: the new owner redelivers these jobs and overwrites the same result keys.
            LOG.warnf("Could not commit a batch of %d after a rebalance: %s", batch.size(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Batch of %d failed; rewinding to retry it", batch.size());
            rewind(batch);
            sleep(rewindBackoff);
        } finally {
            inFlight = 0;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            offsets.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    private void rewind(List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
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
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Buffered records of partitions this consumer no longer owns belong to their new owner. */
    private final class DropRevoked implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            buffer.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.debugf("%s assigned %s", workerId, partitions);
        }
    }
}
