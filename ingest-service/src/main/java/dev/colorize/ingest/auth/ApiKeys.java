package dev.colorize.ingest.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key format: "ck_" + 43 url-safe characters; stored as its SHA-256
 * ({@link dev.colorize.platform.hashing.Sha256#digest(String)}), shown once.
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

    /**
     * Enough of the key to tell keys apart in a list, not enough to use it: at most a quarter of the key, so a
     * short configured key is not mostly shown.
     */
    public static String prefix(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length() / 4));
    }
}
