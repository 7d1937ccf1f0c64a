package dev.colorize.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.worker.messaging.OffsetTracker.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final String TOPIC = "jobs";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final OffsetTracker offsets = new OffsetTracker();

    @Test
    void aPartitionIsCommittedPastItsAcknowledgedJobs() {
        Batch batch = offsets.take(records(P0, 0, 3));

        assertThat(offsets.commitPoints()).isEmpty();
        offsets.acknowledge(batch);

        assertThat(offsets.commitPoints()).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
        assertThat(offsets.inFlight()).isZero();
    }

    @Test
    void aLaterBatchAcknowledgedFirstIsNotCommittedUntilTheEarlierOneIs() {
        Batch first = offsets.take(records(P0, 0, 2));
        Batch second = offsets.take(records(P0, 2, 2));

        offsets.acknowledge(second);
        assertThat(offsets.commitPoints()).isEmpty();
        assertThat(offsets.inFlight()).isEqualTo(4);

        offsets.acknowledge(first);
        assertThat(offsets.commitPoints()).isEqualTo(Map.of(P0, new OffsetAndMetadata(4)));
        assertThat(offsets.inFlight()).isZero();
    }

    @Test
    void eachPartitionAdvancesOnItsOwnWithinOneBatch() {
        List<ConsumerRecord<String, byte[]>> mixed = new ArrayList<>(records(P0, 10, 2));
        mixed.addAll(records(P1, 5, 1));
        Batch first = offsets.take(mixed);
        Batch second = offsets.take(records(P1, 6, 1));

        offsets.acknowledge(second);
        offsets.acknowledge(first);

        assertThat(offsets.commitPoints()).isEqualTo(Map.of(P0, new OffsetAndMetadata(12), P1, new OffsetAndMetadata(7)));
    }

    @Test
    void aFailedBatchStopsTheCommitAtItsFirstJobAndTheRewindGoesBackThere() {
        Batch done = offsets.take(records(P0, 0, 2));
        offsets.take(records(P0, 2, 2)); // fails: never acknowledged
        Batch after = offsets.take(records(P0, 4, 2));
        offsets.acknowledge(done);
        offsets.acknowledge(after);

        assertThat(offsets.commitPoints()).isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
        offsets.clearPendingCommits();

        assertThat(offsets.rewind()).isEqualTo(Map.of(P0, 2L));
        assertThat(offsets.inFlight()).as("the rewound jobs are taken again, not tracked twice").isZero();
        assertThat(offsets.commitPoints()).isEmpty();
    }

    @Test
    void aRewindOverSeveralBatchesAndPartitionsGoesBackToEachPartitionsFirstUnacknowledgedJob() {
        List<ConsumerRecord<String, byte[]>> batch1 = new ArrayList<>(records(P0, 0, 2));
        batch1.addAll(records(P1, 0, 2));
        List<ConsumerRecord<String, byte[]>> batch2 = new ArrayList<>(records(P0, 2, 2));
        batch2.addAll(records(P1, 2, 2));
        List<ConsumerRecord<String, byte[]>> batch3 = new ArrayList<>(records(P0, 4, 2));
        batch3.addAll(records(P1, 4, 2));
        offsets.acknowledge(offsets.take(batch1));
        offsets.take(batch2); // fails
        offsets.take(batch3); // fails too (its pipeline followed the failed one)

        assertThat(offsets.commitPoints()).isEqualTo(Map.of(P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(2)));
        offsets.clearPendingCommits();
        assertThat(offsets.rewind()).isEqualTo(Map.of(P0, 2L, P1, 2L));

        // read again from there: the retried batches commit as before
        Batch retry = offsets.take(batch2);
        offsets.acknowledge(retry);
        offsets.acknowledge(offsets.take(batch3));
        assertThat(offsets.commitPoints()).isEqualTo(Map.of(P0, new OffsetAndMetadata(6), P1, new OffsetAndMetadata(6)));
    }

    @Test
    void aRewindLeavesPartitionsWithNothingUnacknowledgedAlone() {
        offsets.acknowledge(offsets.take(records(P0, 0, 2)));
        offsets.take(records(P1, 7, 1));
        offsets.commitPoints();
        offsets.clearPendingCommits();

        assertThat(offsets.rewind()).isEqualTo(Map.of(P1, 7L));
    }

    @Test
    void aRevokedPartitionIsForgottenAndNeverCommittedHere() {
        Batch p0 = offsets.take(records(P0, 0, 2));
        Batch p1 = offsets.take(records(P1, 0, 3));
        offsets.acknowledge(p0);
        assertThat(offsets.commitPoints()).containsKey(P0); // owed, not yet committed

        offsets.forget(Set.of(P0));
        offsets.acknowledge(p1);

        assertThat(offsets.commitPoints()).isEqualTo(Map.of(P1, new OffsetAndMetadata(3)));
        assertThat(offsets.inFlight()).isZero();
        assertThat(offsets.rewind()).isEmpty();
    }

    @Test
    void jobsOfARevokedPartitionAcknowledgedLaterCommitNothing() {
        Batch batch = offsets.take(records(P0, 0, 2));
        offsets.forget(Set.of(P0));

        offsets.acknowledge(batch);

        assertThat(offsets.commitPoints()).isEmpty();
    }

    @Test
    void aCommitThatFailedTransientlyIsRetriedWithTheNextForPartitionsStillAssigned() {
        List<ConsumerRecord<String, byte[]>> both = new ArrayList<>(records(P0, 0, 1));
        both.addAll(records(P1, 0, 1));
        offsets.acknowledge(offsets.take(both));
        assertThat(offsets.commitPoints()).hasSize(2);

        offsets.keepPendingCommitsFor(Set.of(P1)); // the commit failed; P0 is no longer assigned
        offsets.acknowledge(offsets.take(records(P1, 1, 1)));

        assertThat(offsets.commitPoints()).isEqualTo(Map.of(P1, new OffsetAndMetadata(2)));
        offsets.clearPendingCommits();
        assertThat(offsets.commitPoints()).isEmpty();
    }

    private static List<ConsumerRecord<String, byte[]>> records(TopicPartition tp, long from, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new ConsumerRecord<>(tp.topic(), tp.partition(), from + i, "key", new byte[0]));
        }
        return records;
    }
}
