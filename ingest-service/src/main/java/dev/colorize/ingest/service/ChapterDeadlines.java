package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.service.persistence.Jdbc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Fails the pages of chapters past their deadline (a lost job, a dead-lettered page nobody reported), so every
 * chapter reaches a final state and its webhook. One UPDATE claims the pages: with several replicas, the row locks
 * let only one of them fail a page, and the others find it no longer queued or processing.
 */
@ApplicationScoped
public class ChapterDeadlines {

    static final String REASON = "deadline exceeded";

    private static final Logger LOG = Logger.getLogger(ChapterDeadlines.class);

    private final Jdbc jdbc;
    private final ChapterCompletion completion;
    private final Duration after;
    private final Counter failedPages;

    public ChapterDeadlines(Jdbc jdbc, ChapterCompletion completion, IngestConfig config, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.completion = completion;
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
            return chapters.size();
        });
        failedPages.increment(failed);
    }
}
