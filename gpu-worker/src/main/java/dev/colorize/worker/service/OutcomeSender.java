package dev.colorize.worker.service;

import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Stage 5, in submission order: publishes one {@link PageResult} per readable job (the one place results are built)
 * and a dead letter per job that must not be retried here, then waits until each is durable and counts the pages'
 * outcomes.
 *
 * @param <O> where a job came from: opaque here, handed back to {@link DeadLetters}
 */
final class OutcomeSender<O> {

    private final String workerId;
    private final PageResults results;
    private final DeadLetters<O> deadLetters;
    private final WorkerMetrics metrics;

    OutcomeSender(String workerId, PageResults results, DeadLetters<O> deadLetters, WorkerMetrics metrics) {
        this.workerId = workerId;
        this.results = results;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** Sends every result and dead letter of the batch (in page order); the futures are their acknowledgements. */
    List<CompletableFuture<?>> send(List<PageWork<O>> pages, long batchStart) {
        List<CompletableFuture<?>> acks = new ArrayList<>(pages.size());
        Instant now = Instant.now();
        for (PageWork<O> page : pages) {
            if (page.deadLetterKind != null) {
                acks.add(deadLetters.deadLetter(page.origin, page.deadLetterKind, page.deadLetterError, workerId));
            }
            if (page.job != null) {
                acks.add(results.publish(result(page, now, batchStart)));
            }
        }
        return acks;
    }

    /** Completes once every acknowledgement arrived, or fails with {@link BatchAbortedException} if one did not. */
    CompletableFuture<Void> awaitAcks(List<PageWork<O>> pages, List<CompletableFuture<?>> acks, long batchStart) {
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).handle((v, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                throw new BatchAbortedException("A result or dead letter was not acknowledged: " + cause.getMessage(), cause);
            }
            for (PageWork<O> page : pages) {
                if (page.deadLetterKind != null) {
                    metrics.pageDeadLettered();
                } else if (page.failure != null) {
                    metrics.pageFailed();
                } else if (page.skipped) {
                    metrics.pageSkipped();
                } else {
                    metrics.pageDone(Duration.between(enqueued(page, batchStart), Instant.now()));
                }
            }
            return null;
        });
    }

    private PageResult result(PageWork<O> page, Instant now, long batchStart) {
        long total = Duration.between(enqueued(page, batchStart), now).toMillis();
        PageJob job = page.job;
        if (page.reportedAsFailed()) {
            return PageResult.failed(job.page(), null, page.failureReason(), 0, total, workerId, now);
        }
        if (page.skipped) {
            return PageResult.skipped(job.page(), page.outputs.colored(), total, workerId, now);
        }
        return PageResult.done(job.page(), page.outputs, page.modelVersion, page.inferenceMillis, total, workerId, now)
                .withReferenceUse(page.referenceUse);
    }

    /** When the job was enqueued; the batch's start when the producer did not say. */
    private static Instant enqueued(PageWork<?> page, long batchStart) {
        if (page.job.enqueuedAt() != null) {
            return page.job.enqueuedAt();
        }
        return Instant.now().minusNanos(System.nanoTime() - batchStart);
    }
}
