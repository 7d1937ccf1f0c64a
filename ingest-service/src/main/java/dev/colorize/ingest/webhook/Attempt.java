package dev.colorize.ingest.webhook;

import dev.colorize.service.persistence.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A row of webhook_attempts: one try of a delivery and how it went. */
public record Attempt(UUID deliveryId, int attemptNumber, Instant attemptedAt, Integer statusCode, String error,
        long durationMs) {

    static Attempt map(ResultSet row) throws SQLException {
        return new Attempt(row.getObject("delivery_id", UUID.class), row.getInt("attempt_number"),
                Jdbc.instant(row, "attempted_at"), Jdbc.nullableInt(row, "status_code"), row.getString("error"),
                row.getLong("duration_ms"));
    }
}
