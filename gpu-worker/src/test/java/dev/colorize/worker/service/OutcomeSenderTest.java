package dev.colorize.worker.service;

import dev.colorize.platform.coloring.PageOutputs;
import dev.colorize.platform.coloring.PageState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.colorize.platform.messaging.PageResult;
import dev.colorize.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class OutcomeSenderTest {

    private final List<PageResult> published = new ArrayList<>();
    private final List<String> deadLettered = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OutcomeSender<String> sender = new OutcomeSender<>("w1",
            result -> {
                published.add(result);
                return CompletableFuture.completedFuture(null);
            },
            (origin, kind, error, worker) -> {
                deadLettered.add(origin + " " + kind);
                return CompletableFuture.completedFuture(null);
            },
            new WorkerMetrics(meters));

    @Test
    void eachReadableJobGetsOneResultAndADeadLetteredOneIsReportedFailed() throws Exception {
        PageWork<String> done = StagePages.work(StagePages.job(1));
        done.outputs = PageOutputs.colored("results/a/b/0001-v3.png");
        done.modelVersion = 3;
        PageWork<String> skipped = StagePages.work(StagePages.job(2));
        skipped.skip(new byte[] {1});
        skipped.outputs = PageOutputs.colored("results/a/b/0002-original.png");
        PageWork<String> given = StagePages.work(StagePages.job(3));
        given.deadLetter(DeadLetterKind.ATTEMPTS_EXHAUSTED, "given up");
        PageWork<String> unreadable = new PageWork<>(ReceivedJob.unreadable("record 4", "bad JSON"));
        List<PageWork<String>> pages = List.of(done, skipped, given, unreadable);

        sender.awaitAcks(pages, sender.send(pages, System.nanoTime()), System.nanoTime()).get();

        assertThat(published).extracting(PageResult::pageNumber, PageResult::state, (PageResult r) -> r.outputs().colored(),
                PageResult::error).containsExactly(
                        tuple(1, PageState.DONE, "results/a/b/0001-v3.png", null),
                        tuple(2, PageState.SKIPPED, "results/a/b/0002-original.png", null),
                        tuple(3, PageState.FAILED, null, "page 3: given up"));
        assertThat(published).extracting(PageResult::workerId).containsOnly("w1");
        assertThat(deadLettered).containsExactly("record of page 3 ATTEMPTS_EXHAUSTED", "record 4 UNPARSEABLE");
        assertThat(meters.get("colorize.worker.pages").tag("status", "dead-lettered").counter().count()).isEqualTo(2);
    }

    @Test
    void aResultKafkaDidNotTakeAbortsTheBatch() {
        PageWork<String> page = StagePages.work(StagePages.job(1));
        page.fail("cannot be decoded");
        List<PageWork<String>> pages = List.of(page);

        CompletableFuture<Void> acked = sender.awaitAcks(pages,
                List.of(CompletableFuture.failedFuture(new IllegalStateException("broker down"))), System.nanoTime());

        assertThatThrownBy(acked::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(BatchAbortedException.class).hasMessageContaining("broker down");
    }
}
