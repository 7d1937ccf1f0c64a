package dev.colorize.worker;

import dev.colorize.platform.coloring.PageState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.model.ModelAliases;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.support.Eventually;
import dev.colorize.worker.support.OtherWorker;
import dev.colorize.worker.support.Pages;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class KilledWorkerIT {

    private static final int PAGES = 8;

    @Inject
    TestStack stack;

    @Test
    void aWorkerStoppedMidBatchCommitsNothingAndASecondWorkerFinishesEveryPage() throws Exception {
        int version = stack.ensureProduction();
        String topic = "jobs-killed-" + UUID.randomUUID();
        String group = "killed-workers-" + UUID.randomUUID();
        UUID chapter = UUID.randomUUID();

        for (int page = 1; page <= PAGES; page++) {
            stack.pages.enqueue(topic, chapter, page, 1600, 1200); // large pages: a batch takes a while
        }
        // all jobs are queued before it starts: its first batch takes all of them
        OtherWorker first = stack.otherWorker("worker-a", ModelAliases.PRODUCTION, topic, group, stack.store).start();
        spinUntil(() -> first.jobs.inFlight() > 0);
        int taken = first.jobs.inFlight();
        first.jobs.halt(); // mid-batch: as a crash, nothing of the batch is committed
        first.close();
        assertThat(taken).isEqualTo(PAGES);
        assertThat(stack.committed(group)).isZero();

        try (OtherWorker second = stack.otherWorker("worker-b", ModelAliases.PRODUCTION, topic, group, stack.store).start()) {
            List<PageResult> results = stack.pages.awaitResults(chapter,
                    r -> r.stream().filter(x -> x.workerId().equals("worker-b")).count() >= PAGES, Duration.ofSeconds(90));

            List<PageResult> bySecond = results.stream().filter(r -> r.workerId().equals("worker-b")).toList();
            assertThat(bySecond).extracting(PageResult::pageNumber).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(results).extracting(PageResult::state).containsOnly(PageState.DONE);
            // a page worker-a did finish before it died was redone under the same key: no duplicate object
            for (PageResult r : Pages.byPage(results).values()) {
                assertThat(r.outputs().colored()).endsWith(String.format("/%04d-v%d.png", r.pageNumber(), version));
                assertThat(stack.store.size(r.outputs().colored())).isPresent();
            }
            Eventually.until("worker-b commits every job", Duration.ofSeconds(10), () -> stack.committed(group) == PAGES);
        }
    }

    private static void spinUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("worker-a never took a batch");
            }
            Thread.sleep(1);
        }
    }
}
