package dev.colorize.ingest.service;

import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.webhook.WebhookDeliveries;
import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Counts finished pages into their chapter and, when that finishes the chapter, enqueues its webhook: the one
 * completion path for results and for the deadline. Call it in the transaction that finished the pages.
 */
@ApplicationScoped
public class ChapterCompletion {

    private final WebhookDeliveries webhooks;

    public ChapterCompletion(WebhookDeliveries webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * @param done pages finished with a result: colored, or passed through because already in color
     * @param skipped of those, the pages passed through (a finished page, never a failed one)
     * @param failed pages finished without a result
     */
    public void pagesFinished(Connection c, UUID chapterId, int done, int skipped, int failed) throws SQLException {
        List<ChapterRow> chapter = Jdbc.query(c, """
                UPDATE chapters SET pages_done = pages_done + ?, pages_skipped = pages_skipped + ?,
                  pages_failed = pages_failed + ?, updated_at = now(),
                  state = CASE
                    WHEN pages_done + pages_failed + ? < page_count THEN 'processing'
                    WHEN pages_failed + ? = 0 THEN 'completed'
                    WHEN pages_done + ? = 0 THEN 'failed'
                    ELSE 'completed_with_errors' END,
                  completed_at = CASE WHEN pages_done + pages_failed + ? = page_count THEN now() END
                WHERE id = ? RETURNING *""", ChapterRow.MAPPER, done, skipped, failed, done + failed, failed, done,
                done + failed, chapterId);
        if (!chapter.isEmpty() && chapter.get(0).isFinal()) {
            webhooks.enqueueChapterFinished(c, chapter.get(0));
        }
    }
}
