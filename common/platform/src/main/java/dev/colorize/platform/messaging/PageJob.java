package dev.colorize.platform.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Color one page. Written by the ingest service's outbox relay, consumed by the GPU workers.
 *
 * @param modelVersion the version the publisher pinned, or null for the production alias
 * @param forceColor color the page even when it is already in color (null: false, the page is then passed
 *     through as {@link PageResult.Status#SKIPPED})
 */
public record PageJob(
        int schemaVersion,
        UUID publisherId,
        UUID chapterId,
        int pageNumber,
        String sourceKey,
        OutputFormat outputFormat,
        Integer modelVersion,
        Instant enqueuedAt,
        Boolean forceColor) implements Message {

    public static final int SCHEMA_VERSION = 1;

    public PageJob {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "PageJob");
    }

    public static PageJob of(UUID publisherId, UUID chapterId, int pageNumber, String sourceKey,
            OutputFormat outputFormat, Integer modelVersion, Instant enqueuedAt) {
        return new PageJob(SCHEMA_VERSION, publisherId, chapterId, pageNumber, sourceKey, outputFormat,
                modelVersion, enqueuedAt, null);
    }

    /** This job, colored even when the page is already in color. */
    public PageJob withForceColor(boolean force) {
        return new PageJob(schemaVersion, publisherId, chapterId, pageNumber, sourceKey, outputFormat, modelVersion,
                enqueuedAt, force);
    }

    /** Whether the page is colored even when it is already in color. */
    public boolean forcesColor() {
        return Boolean.TRUE.equals(forceColor);
    }

    @Override
    public String key() {
        return chapterId.toString();
    }
}
