package dev.colorize.worker.messaging;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Before partitions go to another member: the batches in flight are finished and committed as far as
 * acknowledged, and what is left of the revoked partitions (buffered or unacknowledged) is theirs to redo.
 * Called on the job loop's thread, within its poll.
 */
final class FinishRevoked implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(FinishRevoked.class);

    private final String workerId;
    private final BatchCommits commits;
    private final JobBatcher batcher;
    /** Finishes and commits the batches in flight (not when the worker halts, as a crash). */
    private final Runnable finishInFlight;

    FinishRevoked(String workerId, BatchCommits commits, JobBatcher batcher, Runnable finishInFlight) {
        this.workerId = workerId;
        this.commits = commits;
        this.batcher = batcher;
        this.finishInFlight = finishInFlight;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        finishInFlight.run();
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        // no longer ours: committing would fail; the new owner redoes whatever was not committed
        forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        commits.forget(partitions);
        batcher.drop(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.debugf("%s assigned %s", workerId, partitions);
    }
}
