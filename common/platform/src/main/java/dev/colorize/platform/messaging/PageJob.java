package dev.colorize.platform.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Color one page. Written by the ingest service's outbox relay, consumed by the GPU workers.
 *
 * @param modelVersion the version the publisher pinned, or null for the production alias
 */
public record PageJob(
        int schemaVersion,
        UUID publisherId,
        UUID chapterId,
        int pageNumber,
        String sourceKey,
        OutputFormat outputFormat,
        Integer modelVersion,
        Instant enqueuedAt) implements Message {

    public static final int SCHEMA_VERSION = 1;

    public PageJob {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "PageJob");
    }

    public static PageJob of(UUID publisherId, UUID chapterId, int pageNumber, String sourceKey,
            OutputFormat outputFormat, Integer modelVersion, Instant enqueuedAt) {
        return new PageJob(SCHEMA_VERSION, publisherId, chapterId, pageNumber, sourceKey, outputFormat,
                modelVersion, enqueuedAt);
    }

    @Override
    public String key() {
        return chapterId.toString();
    }
}
