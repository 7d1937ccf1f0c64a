package dev.colorize.service.auth;

import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds the api_keys row of a presented key by its hash, on every request, so a revocation takes effect at once.
 * The ingest service owns the table; every service authenticates with it.
 */
@ApplicationScoped
public class ApiKeyLookup {

    private final Jdbc jdbc;

    public ApiKeyLookup(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The key, unless it is unknown or revoked. */
    public Optional<ApiKey> find(String presentedKey) {
        return jdbc.queryOne("""
                SELECT k.id, k.role, k.publisher_id, p.disabled_at IS NOT NULL AS publisher_disabled
                FROM api_keys k LEFT JOIN publishers p ON p.id = k.publisher_id
                WHERE k.key_hash = ? AND k.revoked_at IS NULL""",
                row -> new ApiKey(row.getObject("id", UUID.class),
                        ApiKey.Role.valueOf(row.getString("role").toUpperCase(Locale.ROOT)),
                        row.getObject("publisher_id", UUID.class), row.getBoolean("publisher_disabled")),
                ApiKeys.hash(presentedKey));
    }
}
