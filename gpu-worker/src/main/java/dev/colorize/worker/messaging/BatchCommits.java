package dev.colorize.worker.messaging;

import dev.colorize.worker.messaging.OffsetTracker.Batch;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.jboss.logging.Logger;

/**
 * The batches in the processor's hands and what their ends mean for offsets: per partition, jobs are committed only
 * up to the first whose result or dead letter is not yet acknowledged ({@link OffsetTracker}; at-least-once), and a
 * batch that could not be made durable asks for a rewind. The job loop's thread only, but for {@link #ended}.
 */
final class BatchCommits {

    private static final Logger LOG = Logger.getLogger(BatchCommits.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final OffsetTracker offsets = new OffsetTracker();
    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private int batchesInFlight;
    private boolean rewindNeeded;
    private volatile boolean halted;
    private volatile int jobsInFlight;

    BatchCommits(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    Batch take(List<ConsumerRecord<String, byte[]>> records) {
        Batch batch = offsets.take(records);
        batchesInFlight++;
        jobsInFlight = offsets.inFlight();
        return batch;
    }

    /** Any thread: the processor is done with the batch; an error means it was not made durable. */
    void ended(Batch batch, Throwable error) {
        finished.add(new Finished(batch, error));
    }

    int batchesInFlight() {
        return batchesInFlight;
    }

    /** Jobs taken into batches whose offsets are not committed yet. */
    int jobsInFlight() {
        return jobsInFlight;
    }

    boolean rewindNeeded() {
        return rewindNeeded;
    }

    /** As a crash: nothing is committed from now on. */
    void halt() {
        halted = true;
    }

    /** Takes in the batches that ended, marks their jobs acknowledged and commits what that allows. */
    void settleNow() {
        settle(finished.poll());
    }

    /** As {@link #settleNow}, first waiting up to {@code wait} for a batch to end. */
    void settle(Duration wait) throws InterruptedException {
        settle(finished.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void settle(Finished f) {
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
        commit(offsets.commitPoints());
        jobsInFlight = offsets.inFlight();
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

    /** Each partition's first unacknowledged job, to go back to; the rewind is then under way. */
    Map<TopicPartition, Long> rewind() {
        rewindNeeded = false;
        Map<TopicPartition, Long> first = offsets.rewind();
        jobsInFlight = offsets.inFlight();
        return first;
    }

    /** The partitions are no longer ours: what is left of them is the new owner's to redo. */
    void forget(Collection<TopicPartition> partitions) {
        offsets.forget(partitions);
        jobsInFlight = offsets.inFlight();
    }

    private record Finished(Batch batch, Throwable error) {}
}
