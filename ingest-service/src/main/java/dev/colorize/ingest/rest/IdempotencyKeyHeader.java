package dev.colorize.ingest.rest;

import dev.colorize.rest.ApiProblemException;

/** The Idempotency-Key header of an upload or a recolor: blank is none, longer than 255 characters is refused. */
final class IdempotencyKeyHeader {

    static final int MAX_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    static String checked(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String key = value.trim();
        if (key.length() > MAX_LENGTH) {
            throw ApiProblemException.badRequest("invalid-idempotency-key",
                    "Idempotency-Key has at most " + MAX_LENGTH + " characters");
        }
        return key;
    }
}
