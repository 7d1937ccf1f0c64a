package dev.colorize.ingest.persistence;

import dev.colorize.service.persistence.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/** A row of page_revisions: one recolor of a page (revision 1, 2, ...), queued, done or failed. */
public record PageRevisionRow(UUID chapterId, int pageNumber, int revision, String hintsKey, String state,
        String resultKey, String flatsKey, String linesKey, String oraKey, Integer modelVersion, String error,
        Instant requestedAt, Instant finishedAt, String psdKey) implements LayerKeys {

    public static final Jdbc.RowMapper<PageRevisionRow> MAPPER = PageRevisionRow::map;

    /** Every object of the revision: its hints, its colored page and its layers. */
    public List<String> objectKeys() {
        return Stream.of(hintsKey, resultKey, flatsKey, linesKey, oraKey, psdKey).filter(Objects::nonNull).toList();
    }

    static PageRevisionRow map(ResultSet row) throws SQLException {
        return new PageRevisionRow(row.getObject("chapter_id", UUID.class), row.getInt("page_number"),
                row.getInt("revision"), row.getString("hints_key"), row.getString("state"), row.getString("result_key"),
                row.getString("flats_key"), row.getString("lines_key"), row.getString("ora_key"),
                Jdbc.nullableInt(row, "model_version"), row.getString("error"), Jdbc.instant(row, "requested_at"),
                Jdbc.instant(row, "finished_at"), row.getString("psd_key"));
    }
}
