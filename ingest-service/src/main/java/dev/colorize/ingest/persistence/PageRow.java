package dev.colorize.ingest.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import dev.colorize.service.persistence.Jdbc;

/**
 * A row of pages; the layer keys are null unless the chapter asked for them. hintsKey: the upload's color hints, or
 * null; revision: the newest result revision asked for (0 until the page is recolored).
 */
public record PageRow(UUID chapterId, int pageNumber, String originalName, String sourceKey, String sourceFormat,
        int width, int height, long byteSize, String state, String resultKey, Integer modelVersion, String error,
        Long inferenceMs, Instant queuedAt, Instant finishedAt, boolean forceColor, String flatsKey, String linesKey,
        String oraKey, String hintsKey, int revision, String psdKey) implements LayerKeys {

    /** The objects the worker wrote for this page: the colored page and its layers. */
    public List<String> resultKeys() {
        return Stream.of(resultKey, flatsKey, linesKey, oraKey, psdKey).filter(Objects::nonNull).toList();
    }

    /** Whether the page was uploaded with color hints. */
    public boolean hinted() {
        return hintsKey != null;
    }

    static PageRow map(ResultSet row) throws SQLException {
        return new PageRow(row.getObject("chapter_id", UUID.class), row.getInt("page_number"),
                row.getString("original_name"), row.getString("source_key"), row.getString("source_format"),
                row.getInt("width"), row.getInt("height"), row.getLong("byte_size"), row.getString("state"),
                row.getString("result_key"), Jdbc.nullableInt(row, "model_version"), row.getString("error"),
                Jdbc.nullableLong(row, "inference_ms"), Jdbc.instant(row, "queued_at"), Jdbc.instant(row, "finished_at"),
                row.getBoolean("force_color"), row.getString("flats_key"), row.getString("lines_key"),
                row.getString("ora_key"), row.getString("hints_key"), row.getInt("revision"),
                row.getString("psd_key"));
    }
}
