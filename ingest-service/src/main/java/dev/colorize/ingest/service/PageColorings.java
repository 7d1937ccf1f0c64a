package dev.colorize.ingest.service;

import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.persistence.PageColoringRepository;
import dev.colorize.ingest.webhook.WebhookDeliveries;
import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.service.outbox.OutboxMessage;
import dev.colorize.service.outbox.OutboxWriter;
import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The one owner of page colorings: queues recolors, finishes colorings (results, deadlines) and keeps the chapters'
 * counters, states and webhooks in step, each in the transaction that changes the coloring. Nothing else writes a
 * coloring's state or a chapter's counts (an upload's colorings are queued, with their chapter, by
 * {@link dev.colorize.ingest.persistence.ChapterRepository#insert}, through the same repository).
 */
@ApplicationScoped
public class PageColorings {

    /** What a recolor queues for the revision number it is given: its request (with its stored hints) and its job. */
    public record NewRevision(ColoringRequest request, String jobPayload) {
    }

    private final Jdbc jdbc;
    private final PageColoringRepository colorings;
    private final WebhookDeliveries webhooks;
    private final OutboxWriter outbox;

    public PageColorings(Jdbc jdbc, PageColoringRepository colorings, WebhookDeliveries webhooks, OutboxWriter outbox) {
        this.jdbc = jdbc;
        this.colorings = colorings;
        this.webhooks = webhooks;
        this.outbox = outbox;
    }

    /**
     * In one transaction, holding the page's row: the page's next revision number is handed to {@code prepare} (which
     * may store objects under it), the revision is queued, the chapter counts one more recolor pending and the job
     * goes to the outbox. A concurrent recolor of the same page waits for the row and takes the number after, so two
     * recolors never share a revision or its hints key. Empty when the chapter has no such page.
     */
    public Optional<Integer> queueRecolor(UUID chapterId, int pageNumber, IntFunction<NewRevision> prepare) {
        return jdbc.inTransaction(c -> {
            Optional<Integer> next = colorings.lockNextRevision(c, chapterId, pageNumber);
            if (next.isEmpty()) {
                return next;
            }
            NewRevision added = prepare.apply(next.get());
            colorings.queue(c, List.of(new PageRef(chapterId, pageNumber, next.get())), List.of(added.request()));
            colorings.countRecolorsPending(c, chapterId, 1);
            outbox.add(c, List.of(new OutboxMessage(Topics.JOBS, chapterId.toString(), added.jobPayload())));
            return next;
        });
    }

    /**
     * Records a worker's result on its coloring, if still queued (a duplicate or late one changes nothing): an
     * upload's result counts into its chapter, a recolor's sends its page.recolored webhook. Whether it changed anything.
     */
    public boolean finish(Connection c, PageResult result) throws SQLException {
        if (!colorings.finish(c, result)) {
            return false;
        }
        PageRef ref = result.page();
        if (ref.recolor()) {
            recolorFinished(c, ref, result.state(), result.error());
        } else {
            boolean skipped = result.state() == PageState.SKIPPED;
            boolean done = result.state().hasResult();
            countFinished(c, ref.chapterId(), done ? 1 : 0, skipped ? 1 : 0, done ? 0 : 1);
        }
        return true;
    }

    /**
     * Fails what is overdue: the unfinished upload colorings of chapters older than {@code after}, and recolors queued
     * longer than that, so every chapter reaches a final state and every recolor its webhook. With several replicas,
     * the row locks let only one of them fail a coloring. What it failed, by chapter (uploads) and recolor.
     */
    public Overdue failOverdue(Duration after, String reason) {
        return jdbc.inTransaction(c -> {
            Map<UUID, Long> uploads = colorings.failOverdueUploads(c, after, reason).stream()
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            for (Map.Entry<UUID, Long> chapter : uploads.entrySet()) {
                countFinished(c, chapter.getKey(), 0, 0, chapter.getValue().intValue());
            }
            List<PageRef> recolors = colorings.failOverdueRecolors(c, after, reason);
            for (PageRef r : recolors) {
                recolorFinished(c, r, PageState.FAILED, "page " + r.pageNumber() + ": " + reason);
            }
            return new Overdue(uploads, recolors);
        });
    }

    /** What {@link #failOverdue} failed: unfinished pages per chapter, and recolors. */
    public record Overdue(Map<UUID, Long> pagesByChapter, List<PageRef> recolors) {

        public int count() {
            return pagesByChapter.values().stream().mapToInt(Long::intValue).sum() + recolors.size();
        }
    }

    private void countFinished(Connection c, UUID chapterId, int done, int skipped, int failed) throws SQLException {
        Optional<ChapterRow> chapter = colorings.countFinished(c, chapterId, done, skipped, failed);
        if (chapter.isPresent() && chapter.get().isFinal()) {
            webhooks.enqueueChapterFinished(c, chapter.get(), colorings.failedUploads(c, chapterId));
        }
    }

    private void recolorFinished(Connection c, PageRef ref, PageState state, String error) throws SQLException {
        colorings.countRecolorsPending(c, ref.chapterId(), -1);
        webhooks.enqueuePageRecolored(c, ref.chapterId(), ref.pageNumber(), ref.revision(),
                state == PageState.FAILED ? "failed" : "done", state == PageState.FAILED ? error : null);
    }
}
