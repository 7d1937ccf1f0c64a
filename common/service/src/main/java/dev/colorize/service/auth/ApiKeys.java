package dev.colorize.service.auth;

import dev.colorize.platform.hashing.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key format: "ck_" + 43 url-safe characters; stored only as its {@link #hash}, with a {@link #prefix} to tell
 * it apart, and shown once.
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PREFIX_LENGTH = 10;

    private ApiKeys() {
    }

    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "ck_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** What api_keys.key_hash holds: the key's SHA-256. */
    public static byte[] hash(String key) {
        return Sha256.digest(key);
    }

    /**
     * Enough of the key to tell keys apart in a list, not enough to use it: at most a quarter of the key, so a
     * short configured key is not mostly shown.
     */
    public static String prefix(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length() / 4));
    }
}
