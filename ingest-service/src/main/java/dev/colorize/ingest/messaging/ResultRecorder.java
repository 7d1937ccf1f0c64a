package dev.colorize.ingest.messaging;

import dev.colorize.ingest.service.ChapterCompletion;
import dev.colorize.ingest.webhook.WebhookDeliveries;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.service.persistence.Jdbc;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies one page result. Only a page still queued or processing changes, so a duplicate or late
 * result (the page already finished, or the chapter was deleted) changes nothing. The chapter's counters,
 * its state and, when it reaches a final state, its webhook delivery commit with the page. A recolor's result
 * (revision 1, 2, ...) finishes its revision row instead, still queued, and its page.recolored webhook commits with it.
 */
@ApplicationScoped
public class ResultRecorder {

    /** What a result did. */
    public enum Outcome {
        APPLIED,
        /** A duplicate or late result: nothing to change. */
        IGNORED,
        /** An object key is outside its chapter's results: a worker must not point a tenant at another's object. */
        FOREIGN_KEY
    }

    private final Jdbc jdbc;
    private final ChapterCompletion completion;
    private final MeterRegistry metrics;
    private final WebhookDeliveries webhooks;

    public ResultRecorder(Jdbc jdbc, ChapterCompletion completion, MeterRegistry metrics, WebhookDeliveries webhooks) {
        this.jdbc = jdbc;
        this.completion = completion;
        this.metrics = metrics;
        this.webhooks = webhooks;
    }

    public Outcome apply(PageResult result) {
        // a page passed through because it is already in color is finished with a result, as a colored one is
        boolean skipped = result.status() == PageResult.Status.SKIPPED;
        boolean done = result.status() == PageResult.Status.DONE || skipped;
        Outcome outcome = jdbc.inTransaction(c -> {
            Optional<UUID> publisher = Jdbc.queryOne(c, "SELECT publisher_id FROM chapters WHERE id = ?",
                    r -> r.getObject(1, UUID.class), result.chapterId());
            if (publisher.isEmpty()) {
                return Outcome.IGNORED;
            }
            if (done && !underChapterResults(result, publisher.get())) {
                return Outcome.FOREIGN_KEY;
            }
            if (result.resultRevision() > 0) {
                return applyRevision(c, result, done);
            }
            int updated = Jdbc.update(c, """
                    UPDATE pages SET state = ?, result_key = ?, model_version = ?, error = ?, inference_ms = ?,
                                     finished_at = ?, flats_key = ?, lines_key = ?, ora_key = ?, psd_key = ?
                    WHERE chapter_id = ? AND page_number = ? AND state IN ('queued', 'processing')""",
                    skipped ? "skipped" : done ? "done" : "failed", done ? result.resultKey() : null,
                    result.modelVersion(), done ? null : result.error(), result.inferenceMillis(), result.finishedAt(),
                    done ? result.flatsKey() : null, done ? result.linesKey() : null, done ? result.oraKey() : null,
                    done ? result.psdKey() : null, result.chapterId(), result.pageNumber());
            if (updated == 0) {
                return Outcome.IGNORED;
            }
            completion.pagesFinished(c, result.chapterId(), done ? 1 : 0, skipped ? 1 : 0, done ? 0 : 1);
            return Outcome.APPLIED;
        });
        metrics.counter("colorize.ingest.results", "status", result.status().name(), "applied",
                Boolean.toString(outcome == Outcome.APPLIED)).increment();
        return outcome;
    }

    /** A recolor's result: its revision row, if still queued, and the chapter's count of recolors pending. */
    private Outcome applyRevision(Connection c, PageResult result, boolean done) throws SQLException {
        int updated = Jdbc.update(c, """
                UPDATE page_revisions SET state = ?, result_key = ?, model_version = ?, error = ?, finished_at = ?,
                                          flats_key = ?, lines_key = ?, ora_key = ?, psd_key = ?
                WHERE chapter_id = ? AND page_number = ? AND revision = ? AND state = 'queued'""",
                done ? "done" : "failed", done ? result.resultKey() : null, result.modelVersion(),
                done ? null : result.error(), result.finishedAt(), done ? result.flatsKey() : null,
                done ? result.linesKey() : null, done ? result.oraKey() : null, done ? result.psdKey() : null,
                result.chapterId(), result.pageNumber(),
                result.resultRevision());
        if (updated == 0) {
            return Outcome.IGNORED;
        }
        Jdbc.update(c, "UPDATE chapters SET recolors_pending = recolors_pending - 1, updated_at = now() WHERE id = ?",
                result.chapterId());
        webhooks.enqueuePageRecolored(c, result.chapterId(), result.pageNumber(), result.resultRevision(),
                done ? "done" : "failed", done ? null : result.error());
        return Outcome.APPLIED;
    }

    /** The colored page and every layer lie under the chapter's results. */
    private static boolean underChapterResults(PageResult result, UUID publisherId) {
        String prefix = ObjectKeys.resultPrefix(publisherId, result.chapterId());
        return result.resultKey() != null
                && result.objectKeys().stream().allMatch(key -> key.startsWith(prefix) && !key.contains(".."));
    }
}
