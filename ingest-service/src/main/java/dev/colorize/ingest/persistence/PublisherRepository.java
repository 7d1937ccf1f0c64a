package dev.colorize.ingest.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.colorize.service.persistence.Jdbc;

/** publishers and their webhook signing secrets. */
@ApplicationScoped
public class PublisherRepository {

    public record Publisher(UUID id, String name, String defaultWebhookUrl, Instant createdAt) {
    }

    public record Secret(UUID id, String secret, Instant createdAt, Instant expiresAt) {
    }

    private final Jdbc jdbc;

    public PublisherRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the publisher with its first webhook secret; empty when the name is taken. */
    public Optional<Publisher> create(String name, String defaultWebhookUrl, String firstSecret) {
        UUID id = UUID.randomUUID();
        return jdbc.inTransaction(c -> {
            List<Publisher> created = Jdbc.query(c, """
                    INSERT INTO publishers (id, name, default_webhook_url) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO NOTHING RETURNING *""", PublisherRepository::publisher,
                    id, name, defaultWebhookUrl);
            if (!created.isEmpty()) {
                Jdbc.update(c, "INSERT INTO webhook_secrets (id, publisher_id, secret) VALUES (?, ?, ?)",
                        UUID.randomUUID(), id, firstSecret);
            }
            return created.stream().findFirst();
        });
    }

    public List<Publisher> list() {
        return jdbc.query("SELECT * FROM publishers ORDER BY created_at", PublisherRepository::publisher);
    }

    public Optional<Publisher> find(UUID id) {
        return jdbc.queryOne("SELECT * FROM publishers WHERE id = ?", PublisherRepository::publisher, id);
    }

    public void setDefaultWebhookUrl(UUID id, String url) {
        jdbc.update("UPDATE publishers SET default_webhook_url = ? WHERE id = ?", url, id);
    }

    /** Secrets that sign now: the current one, and during a rotation the previous one until it expires. */
    public List<Secret> activeSecrets(UUID publisherId) {
        return jdbc.query("""
                SELECT * FROM webhook_secrets WHERE publisher_id = ? AND (expires_at IS NULL OR expires_at > now())
                ORDER BY created_at DESC""", PublisherRepository::secret, publisherId);
    }

    /** A new secret signs from now on; the ones still open expire at previousExpiresAt. */
    public Secret rotateSecret(UUID publisherId, String newSecret, Instant previousExpiresAt) {
        return jdbc.inTransaction(c -> {
            Jdbc.update(c, "UPDATE webhook_secrets SET expires_at = ? WHERE publisher_id = ? "
                    + "AND (expires_at IS NULL OR expires_at > ?)", previousExpiresAt, publisherId, previousExpiresAt);
            return Jdbc.query(c, "INSERT INTO webhook_secrets (id, publisher_id, secret) VALUES (?, ?, ?) RETURNING *",
                    PublisherRepository::secret, UUID.randomUUID(), publisherId, newSecret).get(0);
        });
    }

    private static Publisher publisher(ResultSet row) throws SQLException {
        return new Publisher(row.getObject("id", UUID.class), row.getString("name"),
                row.getString("default_webhook_url"), Jdbc.instant(row, "created_at"));
    }

    private static Secret secret(ResultSet row) throws SQLException {
        return new Secret(row.getObject("id", UUID.class), row.getString("secret"), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "expires_at"));
    }
}
