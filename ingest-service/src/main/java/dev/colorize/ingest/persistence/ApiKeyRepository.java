package dev.colorize.ingest.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import dev.colorize.service.persistence.Jdbc;

/**
 * api_keys: hashed keys of publishers and admins, written here (the ingest service manages keys); every
 * service reads them through common-service's {@link dev.colorize.service.auth.ApiKeyLookup}.
 */
@ApplicationScoped
public class ApiKeyRepository {

    static final String CONFIGURED_ADMIN_LABEL = "configured admin key";

    public record KeyInfo(UUID id, UUID publisherId, String role, String prefix, String label, Instant createdAt,
            Instant revokedAt) {
    }

    private final Jdbc jdbc;

    public ApiKeyRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the configured admin key unless it exists (a revoked one is not revived) and revokes other configured
     * admin keys; true when the key is active.
     */
    public boolean installConfiguredAdminKey(byte[] hash, String prefix) {
        return jdbc.inTransaction(c -> {
            Jdbc.update(c, """
                    INSERT INTO api_keys (id, role, key_prefix, key_hash, label) VALUES (?, 'admin', ?, ?, ?)
                    ON CONFLICT (key_hash) DO NOTHING""",
                    UUID.randomUUID(), prefix, hash, CONFIGURED_ADMIN_LABEL);
            Jdbc.update(c, "UPDATE api_keys SET revoked_at = now() WHERE label = ? AND role = 'admin' "
                    + "AND key_hash <> ? AND revoked_at IS NULL", CONFIGURED_ADMIN_LABEL, hash);
            return Jdbc.queryOne(c, "SELECT revoked_at IS NULL FROM api_keys WHERE key_hash = ?", r -> r.getBoolean(1),
                    hash).orElse(false);
        });
    }

    public KeyInfo create(UUID publisherId, String prefix, byte[] hash, String label) {
        return jdbc.inTransaction(c -> Jdbc.query(c, """
                INSERT INTO api_keys (id, publisher_id, role, key_prefix, key_hash, label)
                VALUES (?, ?, 'publisher', ?, ?, ?) RETURNING *""", ApiKeyRepository::info,
                UUID.randomUUID(), publisherId, prefix, hash, label).get(0));
    }

    public List<KeyInfo> list(UUID publisherId) {
        return jdbc.query("SELECT * FROM api_keys WHERE publisher_id = ? ORDER BY created_at", ApiKeyRepository::info,
                publisherId);
    }

    /** True when the key existed and was active. */
    public boolean revoke(UUID keyId) {
        return jdbc.update("UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", keyId) == 1;
    }

    private static KeyInfo info(ResultSet row) throws SQLException {
        return new KeyInfo(row.getObject("id", UUID.class), row.getObject("publisher_id", UUID.class),
                row.getString("role"), row.getString("key_prefix"), row.getString("label"),
                Jdbc.instant(row, "created_at"), Jdbc.instant(row, "revoked_at"));
    }
}
