package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.platform.coloring.PageRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Fails the pages of chapters past their deadline (a lost job, a dead-lettered page nobody reported), so every
 * chapter reaches a final state and its webhook; and recolors queued longer than the deadline, each with its
 * page.recolored webhook, so no recolor stays pending forever.
 */
@ApplicationScoped
public class ChapterDeadlines {

    static final String REASON = "deadline exceeded";

    private static final Logger LOG = Logger.getLogger(ChapterDeadlines.class);

    private final PageColorings colorings;
    private final Duration after;
    private final Counter failedPages;

    public ChapterDeadlines(PageColorings colorings, IngestConfig config, MeterRegistry metrics) {
        this.colorings = colorings;
        this.after = config.deadline().after();
        this.failedPages = metrics.counter("colorize.ingest.pages.deadline.exceeded");
    }

    @Scheduled(every = "${colorize.ingest.deadline.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failOverdue() {
        PageColorings.Overdue overdue = colorings.failOverdue(after, REASON);
        for (Map.Entry<UUID, Long> chapter : overdue.pagesByChapter().entrySet()) {
            LOG.warnf("Chapter %s passed its deadline (%s): %d unfinished pages failed", chapter.getKey(), after,
                    chapter.getValue());
        }
        for (PageRef r : overdue.recolors()) {
            LOG.warnf("Revision %d of page %d of chapter %s passed its deadline (%s)", r.revision(), r.pageNumber(),
                    r.chapterId(), after);
        }
        failedPages.increment(overdue.count());
    }
}
