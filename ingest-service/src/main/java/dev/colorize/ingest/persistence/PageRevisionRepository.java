package dev.colorize.ingest.persistence;

import dev.colorize.platform.messaging.Topics;
import dev.colorize.service.outbox.OutboxMessage;
import dev.colorize.service.outbox.OutboxWriter;
import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** page_revisions: the recolors of a chapter's pages; their rows go with the chapter's. */
@ApplicationScoped
public class PageRevisionRepository {

    private final Jdbc jdbc;
    private final OutboxWriter outbox;

    public PageRevisionRepository(Jdbc jdbc, OutboxWriter outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * In one transaction: the page's newest revision becomes {@code revision}, its row is queued, the chapter counts
     * one more recolor pending and the job goes to the outbox. False when another recolor of the page took this
     * revision number first.
     */
    public boolean add(UUID chapterId, int pageNumber, int revision, String hintsKey, String jobPayload) {
        return jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE pages SET revision = ? WHERE chapter_id = ? AND page_number = ? AND revision = ?",
                    revision, chapterId, pageNumber, revision - 1) == 0) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO page_revisions (chapter_id, page_number, revision, hints_key) VALUES (?, ?, ?, ?)",
                    chapterId, pageNumber, revision, hintsKey);
            Jdbc.update(c, "UPDATE chapters SET recolors_pending = recolors_pending + 1, updated_at = now() WHERE id = ?",
                    chapterId);
            outbox.add(c, List.of(new OutboxMessage(Topics.JOBS, chapterId.toString(), jobPayload)));
            return true;
        });
    }

    public Optional<PageRevisionRow> find(UUID chapterId, int pageNumber, int revision) {
        return jdbc.queryOne("SELECT * FROM page_revisions WHERE chapter_id = ? AND page_number = ? AND revision = ?",
                PageRevisionRow::map, chapterId, pageNumber, revision);
    }

    /** Every revision of the chapter's pages, by page then revision. */
    public List<PageRevisionRow> ofChapter(UUID chapterId) {
        return jdbc.query("SELECT * FROM page_revisions WHERE chapter_id = ? ORDER BY page_number, revision",
                PageRevisionRow::map, chapterId);
    }
}
