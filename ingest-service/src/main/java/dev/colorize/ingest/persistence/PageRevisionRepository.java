package dev.colorize.ingest.persistence;

import dev.colorize.platform.messaging.Topics;
import dev.colorize.service.outbox.OutboxMessage;
import dev.colorize.service.outbox.OutboxWriter;
import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;

/** page_revisions: the recolors of a chapter's pages; their rows go with the chapter's. */
@ApplicationScoped
public class PageRevisionRepository {

    private final Jdbc jdbc;
    private final OutboxWriter outbox;

    public PageRevisionRepository(Jdbc jdbc, OutboxWriter outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** What a recolor queues for the revision number it is given: its stored hints and its job. */
    public record NewRevision(String hintsKey, String jobPayload) {
    }

    /**
     * In one transaction, holding the page's row: the page's next revision number is handed to {@code prepare} (which
     * may store objects under it), the page's newest revision becomes that number, its row is queued, the chapter
     * counts one more recolor pending and the job goes to the outbox. A concurrent recolor of the same page waits for
     * the row and takes the number after, so two recolors never share a revision or its hints key.
     */
    public int addNext(UUID chapterId, int pageNumber, IntFunction<NewRevision> prepare) {
        return jdbc.inTransaction(c -> {
            int revision = Jdbc.queryOne(c, "SELECT revision FROM pages WHERE chapter_id = ? AND page_number = ? FOR UPDATE",
                    row -> row.getInt(1), chapterId, pageNumber).orElseThrow() + 1;
            NewRevision added = prepare.apply(revision);
            Jdbc.update(c, "UPDATE pages SET revision = ? WHERE chapter_id = ? AND page_number = ?",
                    revision, chapterId, pageNumber);
            Jdbc.update(c, "INSERT INTO page_revisions (chapter_id, page_number, revision, hints_key) VALUES (?, ?, ?, ?)",
                    chapterId, pageNumber, revision, added.hintsKey());
            Jdbc.update(c, "UPDATE chapters SET recolors_pending = recolors_pending + 1, updated_at = now() WHERE id = ?",
                    chapterId);
            outbox.add(c, List.of(new OutboxMessage(Topics.JOBS, chapterId.toString(), added.jobPayload())));
            return revision;
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
