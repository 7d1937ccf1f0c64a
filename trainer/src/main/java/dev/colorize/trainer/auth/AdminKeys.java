package dev.colorize.trainer.auth;

import dev.colorize.service.auth.ApiKeyLookup;
import dev.colorize.service.auth.ApiKeys;
import dev.colorize.trainer.config.TrainerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Tells who a presented key belongs to: the configured bootstrap admin key, or a non-revoked row of
 * api_keys (owned by the ingest service, read through {@link ApiKeyLookup}).
 */
@ApplicationScoped
public class AdminKeys {

    public static final String BOOTSTRAP_ACTOR = "bootstrap-admin";

    /** A known key: {@code actor} is the api_keys id (or {@link #BOOTSTRAP_ACTOR}). */
    public record KeyHolder(String actor, boolean admin) {}

    private final ApiKeyLookup keys;
    private final Optional<byte[]> bootstrapHash;

    public AdminKeys(ApiKeyLookup keys, TrainerConfig config) {
        this.keys = keys;
        this.bootstrapHash = config.adminKey().filter(k -> !k.isBlank()).map(ApiKeys::hash);
    }

    public Optional<KeyHolder> find(String presentedKey) {
        if (bootstrapHash.isPresent() && MessageDigest.isEqual(bootstrapHash.get(), ApiKeys.hash(presentedKey))) {
            return Optional.of(new KeyHolder(BOOTSTRAP_ACTOR, true));
        }
        return keys.find(presentedKey).map(key -> new KeyHolder(key.id().toString(), key.admin()));
    }
}
