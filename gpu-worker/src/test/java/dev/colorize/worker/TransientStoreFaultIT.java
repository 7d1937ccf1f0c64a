package dev.colorize.worker;

import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.messaging.DeadLetterHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.model.ModelAliases;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.storage.ObjectStoreConfig;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.messaging.ResultPublisher;
import dev.colorize.worker.support.Eventually;
import dev.colorize.worker.support.OtherWorker;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class TransientStoreFaultIT {

    @Inject
    TestStack stack;

    @Test
    void anUnreachableStoreIsRetriedThenTheJobIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        stack.ensureProduction();
        ObjectStore unreachable = unreachableStore();
        String topic = "jobs-offline-store-" + UUID.randomUUID();
        String group = "offline-store-workers-" + UUID.randomUUID();
        UUID chapter = UUID.randomUUID();

        try (OtherWorker worker = stack.otherWorker("worker-offline", ModelAliases.PRODUCTION, topic, group, unreachable).start()) {
            stack.pages.enqueue(topic, chapter, 1, 64, 64);
            stack.pages.enqueue(topic, chapter, 2, 64, 64);

            List<ConsumerRecord<String, byte[]>> letters = stack.pages.await(Topics.JOBS_DEAD_LETTER, chapter.toString(),
                    r -> r.size() >= 2, Duration.ofSeconds(60));
            ConsumerRecord<String, byte[]> first = letters.get(0);
            assertThat(header(first, DeadLetterHeaders.ERROR_KIND)).isEqualTo("STORE_FAILED");
            assertThat(header(first, DeadLetterHeaders.ERROR)).contains("unreachable", "sketches/");
            assertThat(header(first, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
            assertThat(header(first, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("0");
            assertThat(header(first, DeadLetterHeaders.WORKER)).isEqualTo("worker-offline");
            assertThat(header(letters.get(1), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("1");
            Eventually.until("both jobs committed", Duration.ofSeconds(10), () -> stack.committed(group) == 2);
        }
    }

    @Test
    void aPageWhoseStoreStaysDownPastTheRetryBudgetIsReportedFailedWithTheReasonSoItsChapterCanEnd() throws Exception {
        stack.freshProduction();
        ObjectStore unreachable = unreachableStore();
        String topic = "jobs-store-down-" + UUID.randomUUID();
        String group = "store-down-workers-" + UUID.randomUUID();
        UUID chapter = UUID.randomUUID();

        try (OtherWorker worker = stack.otherWorker("worker-store-down", ModelAliases.PRODUCTION, topic, group, unreachable).start()) {
            long start = System.nanoTime();
            stack.pages.enqueue(topic, chapter, 1, 64, 64);

            List<PageResult> results = stack.pages.awaitResults(chapter, 1, Duration.ofSeconds(60));
            assertThat(results).hasSize(1);
            PageResult failed = results.get(0);
            assertThat(failed.state()).isEqualTo(PageState.FAILED);
            assertThat(failed.error()).startsWith("page 1: ").contains("unreachable", "sketches/");
            assertThat(failed.workerId()).isEqualTo("worker-store-down");
            // retried for the whole budget (colorize.worker.retry.give-up-after=1s in tests), not a few quick tries
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            Eventually.until("the job is committed", Duration.ofSeconds(10), () -> stack.committed(group) == 1);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** A store on a port nobody listens on: every call is refused, a transient fault. */
    private static ObjectStore unreachableStore() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        return new ObjectStore(new ObjectStoreConfig("http://127.0.0.1:" + closedPort, "colorize",
                "colorize-secret-key", "us-east-1", "colorize"));
    }
}
