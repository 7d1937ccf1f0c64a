package dev.colorize.ingest.persistence;

import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.service.outbox.OutboxMessage;
import dev.colorize.service.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.colorize.service.persistence.Jdbc;

/** chapters and pages, always scoped by publisher so one publisher never reaches another's rows. */
@ApplicationScoped
public class ChapterRepository {

    private static final String UNIQUE_VIOLATION = "23505";

    /** What an accepted upload writes: the chapter, its pages, and one outbox payload per page. */
    public record NewChapter(UUID id, UUID publisherId, String title, String webhookUrl, ColoringRequest options,
            String idempotencyKey, String requestFingerprint, List<NewPage> pages, String seriesId) {
    }

    /** A chapter created with an Idempotency-Key, and the fingerprint of the request that created it (or null). */
    public record IdempotentChapter(ChapterRow chapter, String requestFingerprint) {
    }

    /** A page as uploaded, what its upload asks of its coloring, and that coloring's job. */
    public record NewPage(int pageNumber, String originalName, String sourceKey, String sourceFormat, int width,
            int height, long byteSize, ColoringRequest request, String jobPayload) {
    }

    private final Jdbc jdbc;
    private final OutboxWriter outbox;
    private final PageColoringRepository colorings;

    public ChapterRepository(Jdbc jdbc, OutboxWriter outbox, PageColoringRepository colorings) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.colorings = colorings;
    }

    /**
     * Chapter, pages, their queued colorings and outbox rows in one transaction, and the publisher's series the chapter
     * names if it had none yet (its palette empty). Empty when another upload with the same Idempotency-Key committed
     * first.
     */
    public boolean insert(NewChapter chapter) {
        try {
            return jdbc.inTransaction(c -> {
                if (chapter.seriesId() != null) {
                    Jdbc.update(c, "INSERT INTO series_palettes (publisher_id, series_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            chapter.publisherId(), chapter.seriesId());
                }
                Jdbc.update(c, """
                        INSERT INTO chapters (id, publisher_id, title, page_count, webhook_url, options, idempotency_key,
                                              request_fingerprint, series_id)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""", chapter.id(), chapter.publisherId(), chapter.title(),
                        chapter.pages().size(), chapter.webhookUrl(), MessageCodec.toJson(chapter.options()),
                        chapter.idempotencyKey(), chapter.requestFingerprint(), chapter.seriesId());
                insertPages(c, chapter);
                colorings.queue(c, chapter.pages().stream().map(p -> PageRef.upload(chapter.id(), p.pageNumber())).toList(),
                        chapter.pages().stream().map(NewPage::request).toList());
                outbox.add(c, chapter.pages().stream()
                        .map(p -> new OutboxMessage(Topics.JOBS, chapter.id().toString(), p.jobPayload())).toList());
                return true;
            });
        } catch (Jdbc.DataAccessException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                    && chapter.idempotencyKey() != null) {
                return false;
            }
            throw e;
        }
    }

    private static void insertPages(Connection c, NewChapter chapter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO pages (chapter_id, page_number, original_name, source_key, source_format, width, height,
                                   byte_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (NewPage p : chapter.pages()) {
                Jdbc.bind(s, chapter.id(), p.pageNumber(), p.originalName(), p.sourceKey(), p.sourceFormat(), p.width(),
                        p.height(), p.byteSize());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public Optional<IdempotentChapter> findByIdempotencyKey(UUID publisherId, String key) {
        return jdbc.queryOne("SELECT * FROM chapters WHERE publisher_id = ? AND idempotency_key = ?",
                row -> new IdempotentChapter(ChapterRow.map(row), row.getString("request_fingerprint")), publisherId, key);
    }

    public Optional<ChapterRow> find(UUID publisherId, UUID id) {
        return jdbc.queryOne("SELECT * FROM chapters WHERE publisher_id = ? AND id = ?", ChapterRow::map, publisherId, id);
    }

    /** The chapter's pages, each with its upload's coloring, in page order. */
    public List<PageRow> pages(UUID chapterId) {
        return jdbc.query(PageColoringRepository.PAGES + " WHERE p.chapter_id = ? ORDER BY p.page_number", PageRow::map,
                chapterId);
    }

    public Optional<PageRow> page(UUID chapterId, int pageNumber) {
        return jdbc.queryOne(PageColoringRepository.PAGES + " WHERE p.chapter_id = ? AND p.page_number = ?",
                PageRow::map, chapterId, pageNumber);
    }

    /** Newest first; the page after (createdAt, id) when a cursor is given. */
    public List<ChapterRow> list(UUID publisherId, Instant afterCreatedAt, UUID afterId, int limit) {
        if (afterCreatedAt == null) {
            return jdbc.query("SELECT * FROM chapters WHERE publisher_id = ? ORDER BY created_at DESC, id LIMIT ?",
                    ChapterRow::map, publisherId, limit);
        }
        return jdbc.query("""
                SELECT * FROM chapters WHERE publisher_id = ?
                  AND (created_at < ? OR (created_at = ? AND id > ?))
                ORDER BY created_at DESC, id LIMIT ?""", ChapterRow::map, publisherId, afterCreatedAt, afterCreatedAt,
                afterId, limit);
    }

    /**
     * Deletes the chapter with its pages, their colorings and its jobs not yet published; returns the object keys it
     * referenced (sources, hints and results of every revision), empty when there was no such chapter of this publisher.
     */
    public Optional<List<String>> delete(UUID publisherId, UUID id) {
        return jdbc.inTransaction(c -> {
            List<String> keys = new ArrayList<>(Jdbc.query(c, "SELECT source_key FROM pages WHERE chapter_id = ? AND "
                    + "chapter_id IN (SELECT id FROM chapters WHERE publisher_id = ?) FOR UPDATE", r -> r.getString(1),
                    id, publisherId));
            for (PageColoringRow coloring : Jdbc.query(c, "SELECT * FROM (" + PageColoringRepository.SHOWN
                    + ") c WHERE chapter_id = ?", PageColoringRow.MAPPER, id)) {
                keys.addAll(coloring.objectKeys());
            }
            if (Jdbc.update(c, "DELETE FROM chapters WHERE publisher_id = ? AND id = ?", publisherId, id) == 0) {
                return Optional.empty();
            }
            Jdbc.update(c, "DELETE FROM outbox WHERE topic = ? AND message_key = ? AND published_at IS NULL",
                    Topics.JOBS, id.toString());
            return Optional.of(keys);
        });
    }
}
