package dev.colorize.trainer.auth;

import dev.colorize.platform.hashing.Sha256;
import dev.colorize.trainer.config.TrainerConfig;
import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Tells who a presented key belongs to: the configured bootstrap admin key, or a non-revoked row of
 * api_keys (owned by the ingest service) found by the key's SHA-256.
 */
@ApplicationScoped
public class AdminKeys {

    public static final String BOOTSTRAP_ACTOR = "bootstrap-admin";

    /** A known key: {@code actor} is the api_keys id (or {@link #BOOTSTRAP_ACTOR}). */
    public record KeyHolder(String actor, boolean admin) {}

    private final Jdbc jdbc;
    private final Optional<byte[]> bootstrapHash;

    public AdminKeys(Jdbc jdbc, TrainerConfig config) {
        this.jdbc = jdbc;
        this.bootstrapHash = config.adminKey().filter(k -> !k.isBlank()).map(Sha256::digest);
    }

    public Optional<KeyHolder> find(String presentedKey) {
        byte[] hash = Sha256.digest(presentedKey);
        if (bootstrapHash.isPresent() && MessageDigest.isEqual(bootstrapHash.get(), hash)) {
            return Optional.of(new KeyHolder(BOOTSTRAP_ACTOR, true));
        }
        return jdbc.queryOne("SELECT id, role FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                row -> new KeyHolder(row.getString("id"), "admin".equals(row.getString("role"))), hash);
    }
}
