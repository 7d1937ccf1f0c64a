package dev.colorize.ingest.persistence;

import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** series_palettes: a publisher's series and their named colors (JSON); keyed by publisher, then series id. */
@ApplicationScoped
public class SeriesPaletteRepository {

    private final Jdbc jdbc;

    public SeriesPaletteRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The publisher's palette of its series as stored JSON; empty when the publisher has no such series. */
    public Optional<String> entries(UUID publisherId, String seriesId) {
        return jdbc.queryOne("SELECT entries::text FROM series_palettes WHERE publisher_id = ? AND series_id = ?",
                r -> r.getString(1), publisherId, seriesId);
    }

    /** Creates the publisher's series or replaces its palette. */
    public void put(UUID publisherId, String seriesId, String entriesJson) {
        jdbc.update("""
                INSERT INTO series_palettes (publisher_id, series_id, entries) VALUES (?, ?, ?::jsonb)
                ON CONFLICT (publisher_id, series_id) DO UPDATE SET entries = excluded.entries, updated_at = now()""",
                publisherId, seriesId, entriesJson);
    }
}
