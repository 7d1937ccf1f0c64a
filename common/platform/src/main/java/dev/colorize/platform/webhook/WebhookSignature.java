package dev.colorize.platform.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com): header webhook-signature holds
 * "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)) for every live secret, space
 * separated, so receivers keep verifying while a secret is rotated. Secrets are "whsec_" + base64 of
 * 32 random bytes; the HMAC key is the decoded bytes. The sender (ingest service) and receivers (the
 * local run, tests, publishers' Java code) share this one implementation.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** How far a timestamp may be from the receiver's clock: older messages may be replays. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The webhook-signature header value: one "v1,..." entry per secret. */
    public static String header(List<String> secrets, String id, long timestamp, String body) {
        return secrets.stream().map(s -> "v1," + sign(s, id, timestamp, body)).collect(Collectors.joining(" "));
    }

    public static String sign(String secret, String id, long timestamp, String body) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when one of the header's v1 signatures is the secret's signature of this message and the
     * timestamp is within {@code tolerance} of {@code now}.
     */
    public static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader,
            Instant now, Duration tolerance) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, id, seconds, body).getBytes(StandardCharsets.US_ASCII);
        for (String entry : signatureHeader.trim().split(" +")) {
            if (entry.startsWith("v1,")
                    && MessageDigest.isEqual(expected, entry.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
