package dev.colorize.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Which worker holds which pages, from outside the workers: a chapter's jobs are keyed by chapter, so they are on one
 * partition of the jobs topic, and the worker group's assignment says whose consumer owns it (client id
 * {@code <worker>-jobs}). Used by one thread at a time.
 */
final class WorkerPartitions implements AutoCloseable {

    private static final String WORKER_GROUP = "colorize-workers";
    private static final String CLIENT_SUFFIX = "-jobs";

    private final String bootstrap;
    private final Admin admin;
    private Map<UUID, Integer> partitionOf = Map.of();

    WorkerPartitions(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** The pages of {@code inWork} on the partitions {@code worker}'s consumer owns now. */
    Set<PageAttemptsWatch.Page> heldBy(String worker, Set<PageAttemptsWatch.Page> inWork)
            throws ExecutionException, InterruptedException {
        Set<Integer> owned = assignment().entrySet().stream().filter(e -> e.getValue().equals(worker))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        return inWork.stream().filter(p -> owned.contains(partition(p.chapterId()))).collect(Collectors.toSet());
    }

    /** The worker whose consumer owns the chapter's partition now; empty while the group rebalances. */
    Optional<String> ownerOf(UUID chapter) throws ExecutionException, InterruptedException {
        return Optional.ofNullable(assignment().get(partition(chapter)));
    }

    /** The partition of the jobs topic the chapter's jobs are on, once the first is there. */
    int partitionOf(UUID chapter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int partition = partition(chapter);
        while (partition < 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No job of chapter " + chapter + " on the jobs topic after " + timeout);
            }
            Thread.sleep(200);
            partition = partition(chapter);
        }
        return partition;
    }

    /** Partition -> worker name. */
    private Map<Integer, String> assignment() throws ExecutionException, InterruptedException {
        Map<Integer, String> owners = new HashMap<>();
        for (MemberDescription member : admin.describeConsumerGroups(List.of(WORKER_GROUP)).all().get()
                .get(WORKER_GROUP).members()) {
            String client = member.clientId();
            String worker = client.endsWith(CLIENT_SUFFIX) ? client.substring(0, client.length() - CLIENT_SUFFIX.length())
                    : client;
            for (TopicPartition tp : member.assignment().topicPartitions()) {
                owners.put(tp.partition(), worker);
            }
        }
        return owners;
    }

    /** -1 for a chapter none of whose jobs is on the topic yet. */
    private int partition(UUID chapter) {
        if (!partitionOf.containsKey(chapter)) {
            partitionOf = FaultCensus.partitionsOfChapters(bootstrap);
        }
        return partitionOf.getOrDefault(chapter, -1);
    }

    @Override
    public void close() {
        admin.close();
    }
}
