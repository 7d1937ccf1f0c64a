package dev.colorize.ingest.persistence;

import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** series_references, always scoped by publisher and series so one publisher never reaches another's references. */
@ApplicationScoped
public class SeriesReferenceRepository {

    /** What {@link #insert} did: stored, or not because the series has its limit of references already. */
    public enum Insert {
        STORED, SERIES_FULL
    }

    private final Jdbc jdbc;

    public SeriesReferenceRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the publisher's series if it has none of that id (its palette empty, as an upload naming it does), then
     * stores the reference unless the series has {@code maxPerSeries} already: the series' row is held for the count,
     * so two concurrent additions never pass the limit together.
     */
    public Insert insert(SeriesReferenceRow r, int maxPerSeries) {
        return jdbc.inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO series_palettes (publisher_id, series_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    r.publisherId(), r.seriesId());
            Jdbc.query(c, "SELECT 1 FROM series_palettes WHERE publisher_id = ? AND series_id = ? FOR UPDATE",
                    row -> 1, r.publisherId(), r.seriesId());
            if (count(c, r.publisherId(), r.seriesId()) >= maxPerSeries) {
                return Insert.SERIES_FULL;
            }
            Jdbc.update(c, """
                    INSERT INTO series_references (id, publisher_id, series_id, colored_name, lines_name, colored_key,
                                                   lines_key, width, height, source_chapter_id, source_page_number,
                                                   source_revision)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", r.id(), r.publisherId(), r.seriesId(),
                    r.coloredName(), r.linesName(), r.coloredKey(), r.linesKey(), r.width(), r.height(),
                    r.sourceChapterId(), r.sourcePageNumber(), r.sourceRevision());
            return Insert.STORED;
        });
    }

    /** References of the publisher's series. */
    public int count(UUID publisherId, String seriesId) {
        return jdbc.inTransaction(c -> count(c, publisherId, seriesId));
    }

    private static int count(Connection c, UUID publisherId, String seriesId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT count(*) FROM series_references WHERE publisher_id = ? AND series_id = ?",
                row -> row.getInt(1), publisherId, seriesId).orElse(0);
    }

    /** The series' references in the order they were added (empty for a series the publisher does not have). */
    public List<SeriesReferenceRow> list(UUID publisherId, String seriesId) {
        return jdbc.query("SELECT * FROM series_references WHERE publisher_id = ? AND series_id = ? "
                + "ORDER BY created_at, id", SeriesReferenceRow::map, publisherId, seriesId);
    }

    public Optional<SeriesReferenceRow> find(UUID publisherId, String seriesId, UUID id) {
        return jdbc.queryOne("SELECT * FROM series_references WHERE publisher_id = ? AND series_id = ? AND id = ?",
                SeriesReferenceRow::map, publisherId, seriesId, id);
    }

    /** Deletes the reference; the row it was, empty when the publisher's series has no such reference. */
    public Optional<SeriesReferenceRow> delete(UUID publisherId, String seriesId, UUID id) {
        return jdbc.queryOne("DELETE FROM series_references WHERE publisher_id = ? AND series_id = ? AND id = ? "
                + "RETURNING *", SeriesReferenceRow::map, publisherId, seriesId, id);
    }

    /** Whether the publisher has a series of that id. */
    public boolean seriesExists(UUID publisherId, String seriesId) {
        return jdbc.queryOne("SELECT 1 FROM series_palettes WHERE publisher_id = ? AND series_id = ?", row -> 1,
                publisherId, seriesId).isPresent();
    }
}
