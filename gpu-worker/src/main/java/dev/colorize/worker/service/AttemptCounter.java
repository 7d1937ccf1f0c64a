package dev.colorize.worker.service;

import dev.colorize.platform.messaging.PageJob;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Guards the fleet against poison pages ({@link PageAttempts}): counts an attempt of each page before any work, gives
 * up a page taken too often without an outcome, and settles the counts once the pages' outcomes are known.
 */
final class AttemptCounter {

    private static final Logger LOG = Logger.getLogger(AttemptCounter.class);

    private final PageAttempts attempts;
    private final int maxAttempts;
    private final Executor settling;

    /** @param settling where counts are settled: off the producer's thread, whose callbacks end a batch */
    AttemptCounter(PageAttempts attempts, int maxAttempts, Executor settling) {
        this.attempts = attempts;
        this.maxAttempts = maxAttempts;
        this.settling = settling;
    }

    /**
     * Before any work: counts an attempt of each page, and gives up (dead-letters) a page taken too often without an
     * outcome. Whether a page was taken before: its worker failed or died with it, maybe because of another page.
     */
    <O> boolean count(List<PageWork<O>> pages) {
        List<PageWork<O>> readable = pages.stream().filter(p -> p.job != null).toList();
        if (readable.isEmpty()) {
            return false;
        }
        List<Integer> counts = attempts.begin(readable.stream().map(p -> p.job).toList());
        boolean takenBefore = false;
        for (int i = 0; i < readable.size(); i++) {
            int taken = counts.get(i);
            takenBefore |= taken > 1;
            if (taken > maxAttempts) {
                readable.get(i).deadLetter(DeadLetterKind.ATTEMPTS_EXHAUSTED, "given up after " + (taken - 1)
                        + " attempts that each failed or stopped a worker (limit " + maxAttempts + ")");
            }
        }
        return takenBefore;
    }

    /** Takes back the attempts {@link #count} just counted: the pages are counted again, one at a time. */
    <O> void giveBack(List<PageWork<O>> pages) {
        List<PageJob> jobs = jobs(pages);
        if (!jobs.isEmpty()) {
            attempts.notCounted(jobs);
        }
    }

    /** As {@link #settleNow}, off the calling thread (the producer's, whose callbacks end a batch). */
    <O> void settle(List<PageWork<O>> pages, Throwable error) {
        try {
            settling.execute(() -> settleNow(pages, error));
        } catch (RejectedExecutionException e) {
            LOG.debugf("Stopped before the attempts of %d pages were settled", pages.size());
        }
    }

    /**
     * A durable outcome ends the pages' counts; a batch that Kafka did not take does not count against its pages. Any
     * other failure keeps the count, as a crash would.
     */
    <O> void settleNow(List<PageWork<O>> pages, Throwable error) {
        List<PageJob> jobs = jobs(pages);
        if (jobs.isEmpty()) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            attempts.finished(jobs);
        } else if (cause instanceof BatchAbortedException) {
            attempts.notCounted(jobs);
        }
    }

    private static <O> List<PageJob> jobs(List<PageWork<O>> pages) {
        return pages.stream().filter(p -> p.job != null).map(p -> p.job).toList();
    }
}
