package dev.colorize.ingest.persistence;

import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** series_palettes: a series' named colors (JSON), owned by the publisher that first stored them. */
@ApplicationScoped
public class SeriesPaletteRepository {

    private final Jdbc jdbc;

    public SeriesPaletteRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Who the series belongs to, if anyone stored its palette. */
    public Optional<UUID> owner(String seriesId) {
        return jdbc.queryOne("SELECT publisher_id FROM series_palettes WHERE series_id = ?",
                r -> r.getObject(1, UUID.class), seriesId);
    }

    /** The publisher's palette of the series as stored JSON; empty when none, or when the series is another's. */
    public Optional<String> entries(UUID publisherId, String seriesId) {
        return jdbc.queryOne("SELECT entries::text FROM series_palettes WHERE series_id = ? AND publisher_id = ?",
                r -> r.getString(1), seriesId, publisherId);
    }

    /** Creates or replaces the palette; false (nothing written) when the series is another publisher's. */
    public boolean put(UUID publisherId, String seriesId, String entriesJson) {
        return jdbc.update("""
                INSERT INTO series_palettes (series_id, publisher_id, entries) VALUES (?, ?, ?::jsonb)
                ON CONFLICT (series_id) DO UPDATE SET entries = excluded.entries, updated_at = now()
                WHERE series_palettes.publisher_id = excluded.publisher_id""", seriesId, publisherId, entriesJson) == 1;
    }
}
