package dev.colorize.ingest.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import dev.colorize.service.persistence.Jdbc;

/** A row of pages. */
public record PageRow(UUID chapterId, int pageNumber, String originalName, String sourceKey, String sourceFormat,
        int width, int height, long byteSize, String state, String resultKey, Integer modelVersion, String error,
        Long inferenceMs, Instant queuedAt, Instant finishedAt, boolean forceColor) {

    static PageRow map(ResultSet row) throws SQLException {
        return new PageRow(row.getObject("chapter_id", UUID.class), row.getInt("page_number"),
                row.getString("original_name"), row.getString("source_key"), row.getString("source_format"),
                row.getInt("width"), row.getInt("height"), row.getLong("byte_size"), row.getString("state"),
                row.getString("result_key"), Jdbc.nullableInt(row, "model_version"), row.getString("error"),
                Jdbc.nullableLong(row, "inference_ms"), Jdbc.instant(row, "queued_at"), Jdbc.instant(row, "finished_at"),
                row.getBoolean("force_color"));
    }
}
