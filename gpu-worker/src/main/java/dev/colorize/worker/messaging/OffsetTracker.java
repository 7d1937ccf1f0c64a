package dev.colorize.worker.messaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The job loop's offset bookkeeping, kept apart from the consumer so it can be tested on its own. Per
 * partition it knows the jobs taken into batches, in offset order, and which are acknowledged (their result
 * or dead letter is durable). A partition is committed only up to its first unacknowledged job, so batches
 * finishing out of order never commit past a job still in flight (at-least-once). When a batch was not made
 * durable, {@link #rewind()} says where each partition has to be read again. Consumer thread only.
 */
final class OffsetTracker {

    /** Per partition, the jobs taken into batches and not yet committed, in offset order. */
    private final Map<TopicPartition, Deque<Taken>> taken = new HashMap<>();
    /** Offsets ready to commit (a commit that failed transiently is retried with the next one). */
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();

    /** Records a batch's jobs as taken; {@link #acknowledge} the batch once its results are durable. */
    Batch take(List<? extends ConsumerRecord<?, ?>> records) {
        List<Taken> jobs = new ArrayList<>(records.size());
        for (ConsumerRecord<?, ?> r : records) {
            Taken t = new Taken(r.offset());
            taken.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new ArrayDeque<>()).add(t);
            jobs.add(t);
        }
        return new Batch(jobs);
    }

    void acknowledge(Batch batch) {
        batch.jobs.forEach(t -> t.acknowledged = true);
    }

    /**
     * Moves each partition's commit point past its acknowledged jobs, up to the first that is not, and
     * returns the offsets to commit: those moved now and those whose commit is still owed.
     */
    Map<TopicPartition, OffsetAndMetadata> commitPoints() {
        taken.forEach((tp, queue) -> {
            Taken last = null;
            while (!queue.isEmpty() && queue.peekFirst().acknowledged) {
                last = queue.pollFirst();
            }
            if (last != null) {
                pending.put(tp, new OffsetAndMetadata(last.offset + 1));
            }
        });
        return Map.copyOf(pending);
    }

    /** The commit points returned last are committed, or no longer ours to commit (after a rebalance). */
    void clearPendingCommits() {
        pending.clear();
    }

    /** A commit failed transiently: retry it with the next one, for the partitions still ours. */
    void keepPendingCommitsFor(Collection<TopicPartition> assigned) {
        pending.keySet().retainAll(assigned);
    }

    /**
     * Where to read again after a batch was not made durable: each partition's first unacknowledged job.
     * Its taken jobs (acknowledged or not) are forgotten, as they will be taken again from there.
     */
    Map<TopicPartition, Long> rewind() {
        Map<TopicPartition, Long> first = new HashMap<>();
        taken.forEach((tp, queue) -> {
            if (!queue.isEmpty()) {
                first.put(tp, queue.peekFirst().offset);
            }
        });
        first.keySet().forEach(taken::remove);
        return first;
    }

    /** The partitions went to another member: nothing of them is committed here; the new owner redoes it. */
    void forget(Collection<TopicPartition> partitions) {
        taken.keySet().removeAll(partitions);
        pending.keySet().removeAll(partitions);
    }

    /** Jobs taken into batches whose offsets are not committed yet. */
    int inFlight() {
        return taken.values().stream().mapToInt(Deque::size).sum();
    }

    /** The jobs of one batch, to acknowledge together. */
    static final class Batch {
        private final List<Taken> jobs;

        private Batch(List<Taken> jobs) {
            this.jobs = jobs;
        }

        int size() {
            return jobs.size();
        }
    }

    private static final class Taken {
        final long offset;
        boolean acknowledged;

        Taken(long offset) {
            this.offset = offset;
        }
    }
}
