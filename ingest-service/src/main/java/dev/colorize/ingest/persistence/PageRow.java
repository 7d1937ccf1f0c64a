package dev.colorize.ingest.persistence;

import dev.colorize.service.persistence.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A page as uploaded, with the coloring its upload asked for ({@code upload}, revision 0). */
public record PageRow(UUID chapterId, int pageNumber, String originalName, String sourceKey, String sourceFormat,
        int width, int height, long byteSize, Instant queuedAt, PageColoringRow upload) {

    /** Reads a row of pages joined to its upload's coloring ({@link PageColoringRepository#PAGES}). */
    static PageRow map(ResultSet row) throws SQLException {
        return new PageRow(row.getObject("chapter_id", UUID.class), row.getInt("page_number"),
                row.getString("original_name"), row.getString("source_key"), row.getString("source_format"),
                row.getInt("width"), row.getInt("height"), row.getLong("byte_size"), Jdbc.instant(row, "queued_at"),
                PageColoringRow.map(row));
    }
}
