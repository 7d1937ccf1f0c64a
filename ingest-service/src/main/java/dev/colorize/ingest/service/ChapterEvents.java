package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ChapterRepository;
import dev.colorize.ingest.persistence.ChapterRow;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A chapter's progress as a stream: the chapter row is read at a short interval and emitted whenever its
 * counters, state or recolors pending change, ending after the final state once no recolor is pending. Reading the row (not an in-memory bus) means
 * any replica can serve the stream, whichever replica consumed the results.
 */
@ApplicationScoped
public class ChapterEvents {

    private final ChapterRepository chapters;
    private final long intervalMillis;
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "chapter-events");
        t.setDaemon(true);
        return t;
    });

    public ChapterEvents(ChapterRepository chapters, IngestConfig config) {
        this.chapters = chapters;
        this.intervalMillis = config.eventsPollInterval().toMillis();
    }

    /**
     * Emits the current row at once, then each change; completes after a final state with no recolor pending, or if
     * the chapter goes.
     */
    public Multi<ChapterRow> progress(UUID publisherId, UUID chapterId) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<String> last = new AtomicReference<>();
            AtomicReference<ScheduledFuture<?>> poll = new AtomicReference<>();
            poll.set(pollers.scheduleWithFixedDelay(() -> {
                try {
                    var row = chapters.find(publisherId, chapterId);
                    if (row.isEmpty()) {
                        emitter.complete();
                        return;
                    }
                    ChapterRow c = row.get();
                    String snapshot = c.state() + "/" + c.pagesDone() + "/" + c.pagesFailed() + "/" + c.pagesSkipped()
                            + "/" + c.recolorsPending();
                    if (!snapshot.equals(last.getAndSet(snapshot))) {
                        emitter.emit(c);
                    }
                    if (isSettled(c)) {
                        emitter.complete();
                    }
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            }, 0, intervalMillis, TimeUnit.MILLISECONDS));
            emitter.onTermination(() -> poll.get().cancel(false));
        });
    }

    /** Nothing more will change by itself: every page finished and every recolor asked for too. */
    public static boolean isSettled(ChapterRow c) {
        return c.isFinal() && c.recolorsPending() == 0;
    }

    @PreDestroy
    void stop() {
        pollers.shutdownNow();
    }
}
