package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.PageRevisionRow;
import dev.colorize.ingest.webhook.WebhookDeliveries;
import dev.colorize.service.persistence.Jdbc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Fails the pages of chapters past their deadline (a lost job, a dead-lettered page nobody reported), so every
 * chapter reaches a final state and its webhook; and recolors queued longer than the deadline, each with its
 * page.recolored webhook, so no recolor stays pending forever. One UPDATE claims the pages: with several replicas, the row locks
 * let only one of them fail a page, and the others find it no longer queued or processing.
 */
@ApplicationScoped
public class ChapterDeadlines {

    static final String REASON = "deadline exceeded";

    private static final Logger LOG = Logger.getLogger(ChapterDeadlines.class);

    private final Jdbc jdbc;
    private final ChapterCompletion completion;
    private final WebhookDeliveries webhooks;
    private final Duration after;
    private final Counter failedPages;

    public ChapterDeadlines(Jdbc jdbc, ChapterCompletion completion, IngestConfig config, MeterRegistry metrics,
            WebhookDeliveries webhooks) {
        this.jdbc = jdbc;
        this.completion = completion;
        this.webhooks = webhooks;
        this.after = config.deadline().after();
        this.failedPages = metrics.counter("colorize.ingest.pages.deadline.exceeded");
    }

    @Scheduled(every = "${colorize.ingest.deadline.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failOverdue() {
        int failed = jdbc.inTransaction(c -> {
            List<UUID> chapters = Jdbc.query(c, """
                    UPDATE pages p SET state = 'failed', error = ?, finished_at = now()
                    FROM chapters ch
                    WHERE ch.id = p.chapter_id AND ch.state IN ('queued', 'processing')
                      AND ch.created_at < now() - ? * interval '1 millisecond'
                      AND p.state IN ('queued', 'processing')
                    RETURNING p.chapter_id""", r -> r.getObject(1, UUID.class), REASON, after.toMillis());
            Map<UUID, Long> perChapter = chapters.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            for (Map.Entry<UUID, Long> chapter : perChapter.entrySet()) {
                completion.pagesFinished(c, chapter.getKey(), 0, 0, chapter.getValue().intValue());
                LOG.warnf("Chapter %s passed its deadline (%s): %d unfinished pages failed", chapter.getKey(), after,
                        chapter.getValue());
            }
            return chapters.size() + failOverdueRecolors(c);
        });
        failedPages.increment(failed);
    }

    private int failOverdueRecolors(Connection c) throws SQLException {
        List<PageRevisionRow> overdue = Jdbc.query(c, """
                UPDATE page_revisions SET state = 'failed', error = ?, finished_at = now()
                WHERE state = 'queued' AND requested_at < now() - ? * interval '1 millisecond'
                RETURNING *""", PageRevisionRow.MAPPER, REASON, after.toMillis());
        for (PageRevisionRow r : overdue) {
            Jdbc.update(c, "UPDATE chapters SET recolors_pending = recolors_pending - 1, updated_at = now() WHERE id = ?",
                    r.chapterId());
            webhooks.enqueuePageRecolored(c, r.chapterId(), r.pageNumber(), r.revision(), "failed",
                    "page " + r.pageNumber() + ": " + REASON);
            LOG.warnf("Revision %d of page %d of chapter %s passed its deadline (%s)", r.revision(), r.pageNumber(),
                    r.chapterId(), after);
        }
        return overdue.size();
    }
}
