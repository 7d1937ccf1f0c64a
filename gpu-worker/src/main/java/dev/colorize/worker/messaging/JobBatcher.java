package dev.colorize.worker.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Polls jobs into micro-batches like a dynamic batcher: a batch closes at max-batch jobs or max-queue-delay after
 * its first one. The job loop's thread only.
 */
final class JobBatcher {

    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    /** How long a poll waits while batches are in flight: their completions are committed in between. */
    private static final Duration BUSY_POLL = Duration.ofMillis(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final BatchCommits commits;
    private final int maxBatch;
    private final long maxQueueDelayNanos;
    /** Records polled but not yet in a batch; a poll can return more than one batch takes. */
    private final Deque<ConsumerRecord<String, byte[]>> buffer = new ArrayDeque<>();
    private long firstArrivalNanos;
    private volatile long lag;

    JobBatcher(KafkaConsumer<String, byte[]> consumer, BatchCommits commits, int maxBatch, Duration maxQueueDelay) {
        this.consumer = consumer;
        this.commits = commits;
        this.maxBatch = maxBatch;
        this.maxQueueDelayNanos = maxQueueDelay.toNanos();
    }

    /** The next batch; empty when idle (so the loop commits and looks after the model) or a rewind is needed. */
    List<ConsumerRecord<String, byte[]>> collect(BooleanSupplier running) {
        while (running.getAsBoolean() && buffer.size() < maxBatch) {
            boolean busy = commits.batchesInFlight() > 0;
            long waitNanos = buffer.isEmpty()
                    ? (busy ? BUSY_POLL : IDLE_POLL).toNanos()
                    : firstArrivalNanos + maxQueueDelayNanos - System.nanoTime();
            if (waitNanos <= 0) {
                break;
            }
            boolean wasEmpty = buffer.isEmpty();
            // with batches in flight, wait in short polls so their completions are committed meanwhile
            consumer.poll(Duration.ofNanos(busy ? Math.min(waitNanos, BUSY_POLL.toNanos()) : waitNanos))
                    .forEach(buffer::add);
            lag = consumer.assignment().stream().mapToLong(tp -> consumer.currentLag(tp).orElse(0)).sum();
            if (buffer.isEmpty()) {
                return List.of();
            }
            if (wasEmpty) {
                firstArrivalNanos = System.nanoTime();
            }
            if (commits.batchesInFlight() > 0 && buffer.size() < maxBatch) {
                commits.settleNow();
                if (commits.rewindNeeded()) {
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

    /** Jobs behind the end of the consumer's partitions, as of its last poll. */
    long lag() {
        return lag;
    }

    /** Drops what was polled from these partitions: it is read again (rewind) or by their new owner. */
    void drop(Collection<TopicPartition> partitions) {
        buffer.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }
}
