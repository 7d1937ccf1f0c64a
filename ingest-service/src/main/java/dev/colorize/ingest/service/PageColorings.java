package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.persistence.PageColoringRepository;
import dev.colorize.ingest.webhook.WebhookDeliveries;
import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.platform.errors.Refused;
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

    /** A recolor's revision: newly queued, or the one an earlier request with the same Idempotency-Key made. */
    public record Reserved(int revision, boolean replayed) {
    }

    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbc jdbc;
    private final PageColoringRepository colorings;
    private final WebhookDeliveries webhooks;
    private final OutboxWriter outbox;
    private final IngestConfig.Recolor recolor;

    public PageColorings(Jdbc jdbc, PageColoringRepository colorings, WebhookDeliveries webhooks, OutboxWriter outbox,
            IngestConfig config) {
        this.jdbc = jdbc;
        this.colorings = colorings;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.recolor = config.recolor();
    }

    /**
     * Queues the page's next revision with the request {@code asked} builds for its number, holding the page's row for
     * this short transaction only (so two recolors never share a revision or its hints key, and nothing slow runs under
     * the lock): refused when the page has its limit of revisions, or of recolors queued at once. Its job is not sent
     * yet: {@link #release} sends it once its hints are stored, {@link #abandon} fails it if they cannot be. Empty when
     * the chapter has no such page.
     */
    public Optional<Reserved> reserveRecolor(UUID chapterId, int pageNumber, String idempotencyKey,
            IntFunction<ColoringRequest> asked) {
        try {
            return jdbc.inTransaction(c -> reserve(c, chapterId, pageNumber, idempotencyKey, asked));
        } catch (Jdbc.DataAccessException e) {
            if (idempotencyKey != null && e.getCause() instanceof SQLException sql
                    && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                // the same request, sent twice at once: the other one queued it
                return jdbc.inTransaction(c -> colorings.revisionOf(c, chapterId, pageNumber, idempotencyKey))
                        .map(revision -> new Reserved(revision, true));
            }
            throw e;
        }
    }

    private Optional<Reserved> reserve(Connection c, UUID chapterId, int pageNumber, String idempotencyKey,
            IntFunction<ColoringRequest> asked) throws SQLException {
        Optional<Integer> next = colorings.lockNextRevision(c, chapterId, pageNumber);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        if (idempotencyKey != null) {
            Optional<Integer> earlier = colorings.revisionOf(c, chapterId, pageNumber, idempotencyKey);
            if (earlier.isPresent()) {
                return Optional.of(new Reserved(earlier.get(), true));
            }
        }
        if (next.get() > recolor.maxRevisions()) {
            throw Refused.conflict("too-many-revisions", "Page " + pageNumber + " has its " + recolor.maxRevisions()
                    + " revisions already; delete the chapter and upload it again to start over");
        }
        if (colorings.queuedRecolors(c, chapterId, pageNumber) >= recolor.maxPendingPerPage()) {
            throw Refused.tooMany("recolors-in-work", "Page " + pageNumber + " has "
                    + recolor.maxPendingPerPage() + " recolors in work; send the next once one has finished");
        }
        PageRef ref = new PageRef(chapterId, pageNumber, next.get());
        colorings.queueRecolor(c, ref, asked.apply(next.get()), idempotencyKey);
        colorings.countRecolorsPending(c, chapterId, 1);
        return Optional.of(new Reserved(next.get(), false));
    }

    /** Sends a reserved recolor's job, its hints stored. */
    public void release(PageRef ref, String jobPayload) {
        jdbc.inTransaction(c -> {
            outbox.add(c, List.of(new OutboxMessage(Topics.JOBS, ref.chapterId().toString(), jobPayload)));
            return null;
        });
    }

    /** Fails a reserved recolor whose hints could not be stored, with its page.recolored webhook. */
    public void abandon(PageRef ref, String reason) {
        jdbc.inTransaction(c -> {
            if (colorings.fail(c, ref, reason)) {
                recolorFinished(c, ref, PageState.FAILED, reason, null);
            }
            return null;
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
            recolorFinished(c, ref, result.state(), result.error(),
                    result.state().hasResult() ? result.referenceUse() : null);
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
                recolorFinished(c, r, PageState.FAILED, "page " + r.pageNumber() + ": " + reason, null);
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

    private void recolorFinished(Connection c, PageRef ref, PageState state, String error, ReferenceUse references)
            throws SQLException {
        colorings.countRecolorsPending(c, ref.chapterId(), -1);
        webhooks.enqueuePageRecolored(c, ref.chapterId(), ref.pageNumber(), ref.revision(),
                state == PageState.FAILED ? "failed" : "done", state == PageState.FAILED ? error : null, references);
    }
}
