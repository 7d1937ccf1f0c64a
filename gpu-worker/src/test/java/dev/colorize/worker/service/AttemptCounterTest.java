package dev.colorize.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.PageJob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class AttemptCounterTest {

    /** Counts by page number, as page_attempts keeps them. */
    private final Map<Integer, Integer> counts = new HashMap<>();
    private final List<String> settled = new ArrayList<>();
    private final AttemptCounter counter = new AttemptCounter(new PageAttempts() {
        @Override
        public List<Integer> begin(List<PageJob> jobs) {
            return jobs.stream().map(j -> counts.merge(j.pageNumber(), 1, Integer::sum)).toList();
        }

        @Override
        public void finished(List<PageJob> jobs) {
            jobs.forEach(j -> settled.add("finished " + j.pageNumber()));
        }

        @Override
        public void notCounted(List<PageJob> jobs) {
            jobs.forEach(j -> settled.add("not counted " + j.pageNumber()));
        }
    }, 3, Runnable::run);

    private static List<PageWork<String>> pages(int... numbers) {
        List<PageWork<String>> pages = new ArrayList<>();
        for (int n : numbers) {
            pages.add(StagePages.work(StagePages.job(n)));
        }
        return pages;
    }

    @Test
    void aFreshBatchWasNotTakenBeforeOneWithARedeliveredPageWas() {
        assertThat(counter.count(pages(1, 2))).isFalse();
        counts.put(2, 1); // page 2's worker died with it

        assertThat(counter.count(pages(1, 2))).isTrue();
    }

    @Test
    void aPageTakenMoreOftenThanTheLimitIsGivenUpAndTheOthersAreNot() {
        counts.put(2, 3);
        List<PageWork<String>> pages = pages(1, 2, 3);

        counter.count(pages);

        assertThat(pages.get(1).deadLetterKind).isEqualTo(DeadLetterKind.ATTEMPTS_EXHAUSTED);
        assertThat(pages.get(1).deadLetterError).isEqualTo("given up after 3 attempts that each failed or stopped a"
                + " worker (limit 3)");
        assertThat(pages.get(0).pending()).isTrue();
        assertThat(pages.get(2).pending()).isTrue();
    }

    @Test
    void aDurableOutcomeEndsTheCountsKafkaRefusingItGivesTheTryBackAndACrashKeepsIt() {
        PageWork<String> unreadable = new PageWork<>(ReceivedJob.unreadable("record", "bad JSON"));
        List<PageWork<String>> pages = List.of(StagePages.work(StagePages.job(1)), unreadable);

        counter.settleNow(pages, null);
        counter.settle(pages, new CompletionException(new BatchAbortedException("broker down", null)));
        counter.settleNow(pages, new WorkerStoppedException("stopped while reading", null));

        assertThat(settled).containsExactly("finished 1", "not counted 1");
    }

    @Test
    void givingBackTakesBackTheReadablePagesTries() {
        counter.giveBack(List.of(StagePages.work(StagePages.job(4)),
                new PageWork<>(ReceivedJob.<String>unreadable("record", "bad JSON"))));

        assertThat(settled).containsExactly("not counted 4");
    }
}
