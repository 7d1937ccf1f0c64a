package dev.colorize.ingest.messaging;

import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.ingest.webhook.WebhookDeliveries;
import dev.colorize.platform.messaging.PageResult;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Applies one page result. Only a page still queued or processing changes, so a duplicate or late
 * result (the page already finished, or the chapter was deleted) changes nothing. The chapter's counters,
 * its state and, when it reaches a final state, its webhook delivery commit with the page.
 */
@ApplicationScoped
public class ResultRecorder {

    private final Jdbc jdbc;
    private final WebhookDeliveries webhooks;
    private final MeterRegistry metrics;

    public ResultRecorder(Jdbc jdbc, WebhookDeliveries webhooks, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.webhooks = webhooks;
        this.metrics = metrics;
    }

    /** True when the result changed the page. */
    public boolean apply(PageResult result) {
        boolean done = result.status() == PageResult.Status.DONE;
        boolean applied = jdbc.inTransaction(c -> {
            int updated = Jdbc.update(c, """
                    UPDATE pages SET state = ?, result_key = ?, model_version = ?, error = ?, inference_ms = ?,
                                     finished_at = ?
                    WHERE chapter_id = ? AND page_number = ? AND state IN ('queued', 'processing')""",
                    done ? "done" : "failed", done ? result.resultKey() : null, result.modelVersion(),
                    done ? null : result.error(), result.inferenceMillis(), result.finishedAt(), result.chapterId(),
                    result.pageNumber());
            if (updated == 0) {
                return false;
            }
            int doneDelta = done ? 1 : 0;
            int failedDelta = done ? 0 : 1;
            List<ChapterRow> chapter = Jdbc.query(c, """
                    UPDATE chapters SET pages_done = pages_done + ?, pages_failed = pages_failed + ?, updated_at = now(),
                      state = CASE
                        WHEN pages_done + pages_failed + 1 < page_count THEN 'processing'
                        WHEN pages_failed + ? = 0 THEN 'completed'
                        WHEN pages_done + ? = 0 THEN 'failed'
                        ELSE 'completed_with_errors' END,
                      completed_at = CASE WHEN pages_done + pages_failed + 1 = page_count THEN now() END
                    WHERE id = ? RETURNING *""", ChapterRow.MAPPER, doneDelta, failedDelta, failedDelta, doneDelta,
                    result.chapterId());
            if (!chapter.isEmpty() && chapter.get(0).isFinal()) {
                webhooks.enqueueChapterFinished(c, chapter.get(0));
            }
            return true;
        });
        metrics.counter("colorize.ingest.results", "status", result.status().name(), "applied",
                Boolean.toString(applied)).increment();
        return applied;
    }
}
