package dev.colorize.ingest.persistence;

import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageOutputs;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.service.persistence.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A row of page_colorings: one coloring of a page (revision 0 the upload's, 1, 2, ... each recolor's), what was asked
 * and what came back. state is as shown to publishers: a queued coloring a worker has taken reads as PROCESSING.
 * referenceUse: how many of the page's regions followed the series' references, as the worker reported it (null when
 * the coloring had none, or is not finished).
 */
public record PageColoringRow(PageRef ref, PageState state, ColoringRequest request, PageOutputs outputs,
        Integer modelVersion, String error, Long inferenceMs, Instant requestedAt, Instant finishedAt,
        ReferenceUse referenceUse) {

    public static final Jdbc.RowMapper<PageColoringRow> MAPPER = PageColoringRow::map;

    /** Every object of the coloring: its hints and what the worker wrote. */
    public List<String> objectKeys() {
        List<String> keys = new ArrayList<>();
        if (request.hintsKey() != null) {
            keys.add(request.hintsKey());
        }
        keys.addAll(outputs.all());
        return keys;
    }

    /** Reads a row of {@link PageColoringRepository#SHOWN} (or of a query selecting its columns). */
    static PageColoringRow map(ResultSet row) throws SQLException {
        return new PageColoringRow(
                new PageRef(row.getObject("chapter_id", UUID.class), row.getInt("page_number"), row.getInt("revision")),
                PageState.ofDbName(row.getString("shown_state")),
                MessageCodec.fromJson(row.getString("request"), ColoringRequest.class),
                MessageCodec.fromJson(row.getString("outputs"), PageOutputs.class),
                Jdbc.nullableInt(row, "model_version"), row.getString("error"), Jdbc.nullableLong(row, "inference_ms"),
                Jdbc.instant(row, "requested_at"), Jdbc.instant(row, "finished_at"), referenceUse(row));
    }

    private static ReferenceUse referenceUse(ResultSet row) throws SQLException {
        Integer regions = Jdbc.nullableInt(row, "reference_regions");
        Integer followed = Jdbc.nullableInt(row, "references_followed");
        return regions == null || followed == null ? null : new ReferenceUse(regions, followed);
    }
}
