package dev.colorize.ingest.persistence;

import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageOutputs;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.webhook.ChapterWebhook;
import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * page_colorings and the chapter counters that follow them: the only SQL that changes a coloring's state or a
 * chapter's counts. {@link dev.colorize.ingest.service.PageColorings} decides when; this says how.
 */
@ApplicationScoped
public class PageColoringRepository {

    /**
     * Colorings as publishers see them: a queued coloring that a worker has taken (its row in page_attempts, the
     * worker's own table) shows as processing.
     */
    static final String SHOWN = """
            SELECT pc.*, CASE WHEN pc.state = 'queued' AND EXISTS (SELECT 1 FROM page_attempts a
                     WHERE a.chapter_id = pc.chapter_id AND a.page_number = pc.page_number
                       AND a.revision = pc.revision)
                   THEN 'processing' ELSE pc.state END AS shown_state
            FROM page_colorings pc""";

    /** Pages with their upload's coloring. */
    static final String PAGES = "SELECT p.*, c.* FROM pages p JOIN (" + SHOWN + ") c "
            + "ON c.chapter_id = p.chapter_id AND c.page_number = p.page_number AND c.revision = 0";

    private final Jdbc jdbc;

    public PageColoringRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PageColoringRow> find(PageRef ref) {
        return jdbc.queryOne("SELECT * FROM (" + SHOWN + ") c WHERE chapter_id = ? AND page_number = ? AND revision = ?",
                PageColoringRow.MAPPER, ref.chapterId(), ref.pageNumber(), ref.revision());
    }

    /** Every coloring of the chapter's pages, by page then revision. */
    public List<PageColoringRow> ofChapter(UUID chapterId) {
        return jdbc.query("SELECT * FROM (" + SHOWN + ") c WHERE chapter_id = ? ORDER BY page_number, revision",
                PageColoringRow.MAPPER, chapterId);
    }

    /** Queues the colorings of a page as {@code ref} numbers them. */
    public void queue(Connection c, List<PageRef> refs, List<ColoringRequest> requests) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO page_colorings (chapter_id, page_number, revision, "
                + "request) VALUES (?, ?, ?, ?::jsonb)")) {
            for (int i = 0; i < refs.size(); i++) {
                PageRef ref = refs.get(i);
                Jdbc.bind(s, ref.chapterId(), ref.pageNumber(), ref.revision(), MessageCodec.toJson(requests.get(i)));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** A recolor of one page, with its Idempotency-Key (or null). */
    public void queueRecolor(Connection c, PageRef ref, ColoringRequest request, String idempotencyKey)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO page_colorings (chapter_id, page_number, revision, request, idempotency_key) "
                + "VALUES (?, ?, ?, ?::jsonb, ?)", ref.chapterId(), ref.pageNumber(), ref.revision(),
                MessageCodec.toJson(request), idempotencyKey);
    }

    /** The revision a recolor sent with {@code idempotencyKey} made, if one did. */
    public Optional<Integer> revisionOf(Connection c, UUID chapterId, int pageNumber, String idempotencyKey)
            throws SQLException {
        return Jdbc.queryOne(c, "SELECT revision FROM page_colorings WHERE chapter_id = ? AND page_number = ? "
                + "AND idempotency_key = ?", r -> r.getInt(1), chapterId, pageNumber, idempotencyKey);
    }

    /** Recolors of the page still queued. */
    public int queuedRecolors(Connection c, UUID chapterId, int pageNumber) throws SQLException {
        return Jdbc.queryOne(c, "SELECT count(*) FROM page_colorings WHERE chapter_id = ? AND page_number = ? "
                + "AND revision > 0 AND state = 'queued'", r -> r.getInt(1), chapterId, pageNumber).orElse(0);
    }

    /** Fails a coloring still queued, for {@code error}; whether it was. */
    public boolean fail(Connection c, PageRef ref, String error) throws SQLException {
        return Jdbc.update(c, "UPDATE page_colorings SET state = 'failed', error = ?, finished_at = now() "
                + "WHERE chapter_id = ? AND page_number = ? AND revision = ? AND state = 'queued'", error,
                ref.chapterId(), ref.pageNumber(), ref.revision()) == 1;
    }

    /**
     * The page's next revision number, holding the page's row until the transaction ends so a concurrent recolor of the
     * same page takes the number after; empty when there is no such page.
     */
    public Optional<Integer> lockNextRevision(Connection c, UUID chapterId, int pageNumber) throws SQLException {
        if (Jdbc.queryOne(c, "SELECT 1 FROM pages WHERE chapter_id = ? AND page_number = ? FOR UPDATE", r -> 1,
                chapterId, pageNumber).isEmpty()) {
            return Optional.empty();
        }
        return Jdbc.queryOne(c, "SELECT max(revision) + 1 FROM page_colorings WHERE chapter_id = ? AND page_number = ?",
                r -> r.getInt(1), chapterId, pageNumber);
    }

    /**
     * Records a result on its coloring if that is still queued (with how many regions followed the series' references,
     * when it says); false for a duplicate or late result.
     */
    public boolean finish(Connection c, PageResult result) throws SQLException {
        PageRef ref = result.page();
        boolean done = result.state().hasResult();
        ReferenceUse use = done ? result.referenceUse() : null;
        return Jdbc.update(c, """
                UPDATE page_colorings SET state = ?, outputs = ?::jsonb, model_version = ?, error = ?, inference_ms = ?,
                                          finished_at = ?, reference_regions = ?, references_followed = ?
                WHERE chapter_id = ? AND page_number = ? AND revision = ? AND state = 'queued'""",
                result.state().dbName(), MessageCodec.toJson(done ? result.outputs() : PageOutputs.NONE),
                result.modelVersion(), done ? null : result.error(),
                result.inferenceMillis(), result.finishedAt(), use == null ? null : use.regions(),
                use == null ? null : use.followed(), ref.chapterId(), ref.pageNumber(), ref.revision()) == 1;
    }

    /** Fails the unfinished upload colorings of unfinished chapters older than {@code after}; their chapters, once each. */
    public List<UUID> failOverdueUploads(Connection c, Duration after, String reason) throws SQLException {
        return Jdbc.query(c, """
                UPDATE page_colorings pc SET state = 'failed', error = ?, finished_at = now()
                FROM chapters ch
                WHERE ch.id = pc.chapter_id AND ch.state IN ('queued', 'processing')
                  AND ch.created_at < now() - ? * interval '1 millisecond'
                  AND pc.revision = 0 AND pc.state = 'queued'
                RETURNING pc.chapter_id""", r -> r.getObject(1, UUID.class), reason, after.toMillis());
    }

    /** Fails the recolors queued longer than {@code after}. */
    public List<PageRef> failOverdueRecolors(Connection c, Duration after, String reason) throws SQLException {
        return Jdbc.query(c, """
                UPDATE page_colorings SET state = 'failed', error = ?, finished_at = now()
                WHERE revision > 0 AND state = 'queued' AND requested_at < now() - ? * interval '1 millisecond'
                RETURNING chapter_id, page_number, revision""",
                r -> new PageRef(r.getObject(1, UUID.class), r.getInt(2), r.getInt(3)), reason, after.toMillis());
    }

    /** The chapter's pages whose upload's coloring failed, and why, in page order. */
    public List<ChapterWebhook.FailedPage> failedUploads(Connection c, UUID chapterId) throws SQLException {
        return Jdbc.query(c, """
                SELECT pc.page_number, p.original_name, pc.error FROM page_colorings pc
                JOIN pages p ON p.chapter_id = pc.chapter_id AND p.page_number = pc.page_number
                WHERE pc.chapter_id = ? AND pc.revision = 0 AND pc.state = 'failed'
                ORDER BY pc.page_number""", r -> new ChapterWebhook.FailedPage(r.getInt(1), r.getString(2), r.getString(3)),
                chapterId);
    }

    /**
     * Counts finished upload colorings into their chapter and moves its state on; the chapter as it is now, empty when
     * it is gone.
     *
     * @param done finished with a result: colored, or passed through because already in color
     * @param skipped of those, the pages passed through
     * @param failed finished without a result
     */
    public Optional<ChapterRow> countFinished(Connection c, UUID chapterId, int done, int skipped, int failed)
            throws SQLException {
        return Jdbc.queryOne(c, """
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
    }

    /** One recolor of the chapter more ({@code +1}) or fewer ({@code -1}) pending. */
    public void countRecolorsPending(Connection c, UUID chapterId, int change) throws SQLException {
        Jdbc.update(c, "UPDATE chapters SET recolors_pending = recolors_pending + ?, updated_at = now() WHERE id = ?",
                change, chapterId);
    }
}
