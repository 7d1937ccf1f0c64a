package dev.colorize.ingest.persistence;

import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.messaging.MessageCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import dev.colorize.service.persistence.Jdbc;

/**
 * A row of chapters. pagesDone counts every page finished with a result, pagesSkipped those of them passed through;
 * options: what its upload asked of every page (format, outputs, quality, model pin); seriesId: the series whose
 * palette its hints may name, or null; recolorsPending: recolors of its pages asked for and not finished.
 */
public record ChapterRow(UUID id, UUID publisherId, String title, String state, int pageCount, int pagesDone,
        int pagesFailed, String webhookUrl, ColoringRequest options, Instant createdAt, Instant updatedAt,
        Instant completedAt, int pagesSkipped, String seriesId, int recolorsPending) {

    public boolean isFinal() {
        return !"queued".equals(state) && !"processing".equals(state);
    }

    public static final Jdbc.RowMapper<ChapterRow> MAPPER = ChapterRow::map;

    static ChapterRow map(ResultSet row) throws SQLException {
        return new ChapterRow(row.getObject("id", UUID.class), row.getObject("publisher_id", UUID.class),
                row.getString("title"), row.getString("state"), row.getInt("page_count"), row.getInt("pages_done"),
                row.getInt("pages_failed"), row.getString("webhook_url"),
                MessageCodec.fromJson(row.getString("options"), ColoringRequest.class), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"), Jdbc.instant(row, "completed_at"), row.getInt("pages_skipped"),
                row.getString("series_id"), row.getInt("recolors_pending"));
    }
}
