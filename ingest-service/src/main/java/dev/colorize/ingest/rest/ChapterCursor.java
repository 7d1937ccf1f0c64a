package dev.colorize.ingest.rest;

import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.rest.ApiProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the chapter list ends: the last chapter's creation time and id (the list's sort key),
 * handed to clients as an opaque url-safe token. Opaque so the sort key can change without a new API.
 */
record ChapterCursor(Instant createdAt, UUID id) {

    static ChapterCursor after(ChapterRow last) {
        return new ChapterCursor(last.createdAt(), last.id());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token stands for; a token this API did not hand out is a 400. */
    static ChapterCursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            return new ChapterCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiProblemException.badRequest("invalid-cursor", "cursor is not one this API handed out");
        }
    }
}
