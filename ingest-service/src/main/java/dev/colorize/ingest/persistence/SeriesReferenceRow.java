package dev.colorize.ingest.persistence;

import dev.colorize.platform.coloring.SeriesReference;
import dev.colorize.service.persistence.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A row of series_references: one piece of reference art of a publisher's series, its objects (linesKey null without
 * line art), its size, and the finished page it was made from (source* null for an upload).
 */
public record SeriesReferenceRow(UUID id, UUID publisherId, String seriesId, String coloredName, String linesName,
        String coloredKey, String linesKey, int width, int height, UUID sourceChapterId, Integer sourcePageNumber,
        Integer sourceRevision, Instant createdAt) {

    /** The reference as a page's job names it. */
    public SeriesReference toReference() {
        return new SeriesReference(id, coloredKey, linesKey);
    }

    /** Its objects: the colored image and, when given, its line art. */
    public List<String> objectKeys() {
        List<String> keys = new ArrayList<>(List.of(coloredKey));
        if (linesKey != null) {
            keys.add(linesKey);
        }
        return keys;
    }

    static SeriesReferenceRow map(ResultSet row) throws SQLException {
        return new SeriesReferenceRow(row.getObject("id", UUID.class), row.getObject("publisher_id", UUID.class),
                row.getString("series_id"), row.getString("colored_name"), row.getString("lines_name"),
                row.getString("colored_key"), row.getString("lines_key"), row.getInt("width"), row.getInt("height"),
                row.getObject("source_chapter_id", UUID.class), Jdbc.nullableInt(row, "source_page_number"),
                Jdbc.nullableInt(row, "source_revision"), Jdbc.instant(row, "created_at"));
    }
}
