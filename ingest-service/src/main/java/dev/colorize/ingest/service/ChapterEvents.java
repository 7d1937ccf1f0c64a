package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ChapterRepository;
import dev.colorize.ingest.persistence.ChapterRow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A chapter's progress as a stream: the chapter row is read at a short interval and emitted whenever its
 * counters, state or recolors pending change, ending after the final state once no recolor is pending. Reading the row
 * (not an in-memory bus) means any replica can serve the stream, whichever replica consumed the results. The streams of
 * one chapter share one poll, and each stream takes a place of {@link ProgressStreamSlots}.
 */
@ApplicationScoped
public class ChapterEvents {

    private final ChapterRepository chapters;
    private final ProgressStreamSlots slots;
    private final long intervalMillis;
    private final Map<UUID, ChapterPoll> polls = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "chapter-events");
        t.setDaemon(true);
        return t;
    });

    public ChapterEvents(ChapterRepository chapters, ProgressStreamSlots slots, IngestConfig config,
            MeterRegistry metrics) {
        this.chapters = chapters;
        this.slots = slots;
        this.intervalMillis = config.eventsPollInterval().toMillis();
        Gauge.builder("colorize.ingest.events.chapter.polls", polls, Map::size)
                .description("chapters whose progress is polled for open streams").register(metrics);
    }

    /**
     * Emits the current row at once, then each change; completes after a final state with no recolor pending, or if
     * the chapter goes. Refused (429/503) when the publisher or the service has no place for another stream.
     */
    public Multi<ChapterRow> progress(UUID publisherId, UUID chapterId) {
        ProgressStreamSlots.Slot slot = slots.take(publisherId);
        return Multi.createFrom().<ChapterRow>emitter(emitter -> {
            Watcher watcher = new Watcher(emitter);
            ChapterPoll poll = polls.compute(chapterId, (id, running) -> {
                ChapterPoll joined = running != null ? running : new ChapterPoll(publisherId, id);
                joined.watchers.add(watcher);
                return joined;
            });
            emitter.onTermination(() -> {
                slot.close();
                polls.computeIfPresent(chapterId, (id, running) -> running.leave(watcher) ? null : running);
            });
            poll.latest.ifPresent(watcher::offer); // a stream joining a running poll starts with what it last read
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

    /** One chapter's poll: reads the row once per interval for every stream of the chapter. */
    private final class ChapterPoll {
        private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
        private final ScheduledFuture<?> task;
        private volatile Optional<ChapterRow> latest = Optional.empty();

        ChapterPoll(UUID publisherId, UUID chapterId) {
            task = pollers.scheduleWithFixedDelay(() -> {
                try {
                    Optional<ChapterRow> row = chapters.find(publisherId, chapterId);
                    if (row.isEmpty()) {
                        watchers.forEach(Watcher::complete);
                        return;
                    }
                    latest = row;
                    watchers.forEach(w -> w.offer(row.get()));
                } catch (RuntimeException e) {
                    watchers.forEach(w -> w.fail(e));
                }
            }, 0, intervalMillis, TimeUnit.MILLISECONDS);
        }

        /** Removes the watcher; true (and the poll stopped) when it was the last. */
        boolean leave(Watcher watcher) {
            watchers.remove(watcher);
            if (watchers.isEmpty()) {
                task.cancel(false);
                return true;
            }
            return false;
        }
    }

    /** One stream: emits a row only when it differs from the last it emitted, and ends once the chapter settled. */
    private static final class Watcher {
        private final MultiEmitter<? super ChapterRow> emitter;
        private String last;

        Watcher(MultiEmitter<? super ChapterRow> emitter) {
            this.emitter = emitter;
        }

        synchronized void offer(ChapterRow c) {
            String snapshot = c.state() + "/" + c.pagesDone() + "/" + c.pagesFailed() + "/" + c.pagesSkipped() + "/"
                    + c.recolorsPending();
            if (!snapshot.equals(last)) {
                last = snapshot;
                emitter.emit(c);
            }
            if (isSettled(c)) {
                emitter.complete();
            }
        }

        synchronized void complete() {
            emitter.complete();
        }

        synchronized void fail(RuntimeException e) {
            emitter.fail(e);
        }
    }
}
