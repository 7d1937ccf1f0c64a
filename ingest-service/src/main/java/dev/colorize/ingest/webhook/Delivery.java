package dev.colorize.ingest.webhook;

import dev.colorize.service.persistence.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A row of webhook_deliveries: one event to one URL, its id the webhook-id header across retries. */
public record Delivery(UUID id, UUID publisherId, UUID chapterId, String eventType, String url, String payload,
        String state, int attemptCount, Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {

    static Delivery map(ResultSet row) throws SQLException {
        return new Delivery(row.getObject("id", UUID.class), row.getObject("publisher_id", UUID.class),
                row.getObject("chapter_id", UUID.class), row.getString("event_type"), row.getString("url"),
                row.getString("payload"), row.getString("state"), row.getInt("attempt_count"),
                Jdbc.instant(row, "next_attempt_at"), Jdbc.instant(row, "created_at"), Jdbc.instant(row, "updated_at"));
    }
}
