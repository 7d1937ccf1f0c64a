package dev.colorize.platform.messaging;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Color one page. Written by the ingest service's outbox relay, consumed by the GPU workers.
 *
 * @param modelVersion the version the publisher pinned, or null for the production alias
 * @param forceColor color the page even when it is already in color (null: false, the page is then passed
 *     through as {@link PageResult.Status#SKIPPED})
 * @param outputs      what is written besides the colored page; null or empty: the colored page only
 * @param quality      JPEG or WebP quality (1-100) of the colored page; null: the worker's default
 * @param hintsKey     object key of the page's color hints ({@code .hints.png}: dots on transparent, or
 *     {@code .hints.json}: {@link dev.colorize.platform.hints.ColorHints}); null: automatic coloring. A page with
 *     hints is always colored, never passed through as already in color
 * @param revision     which result revision the job makes: null or 0 the upload's, 1, 2, ... each recolor's
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
        Boolean forceColor,
        Set<PageOutput> outputs,
        Integer quality,
        String hintsKey,
        Integer revision) implements Message {

    public static final int SCHEMA_VERSION = 1;

    public PageJob {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "PageJob");
    }

    public static PageJob of(UUID publisherId, UUID chapterId, int pageNumber, String sourceKey,
            OutputFormat outputFormat, Integer modelVersion, Instant enqueuedAt) {
        return new PageJob(SCHEMA_VERSION, publisherId, chapterId, pageNumber, sourceKey, outputFormat,
                modelVersion, enqueuedAt, null, null, null, null, null);
    }

    /** This job, colored even when the page is already in color. */
    public PageJob withForceColor(boolean force) {
        return new PageJob(schemaVersion, publisherId, chapterId, pageNumber, sourceKey, outputFormat, modelVersion,
                enqueuedAt, force, outputs, quality, hintsKey, revision);
    }

    /** Whether the page is colored even when it is already in color. */
    public boolean forcesColor() {
        return Boolean.TRUE.equals(forceColor);
    }

    /** This job asking also for {@code outputs} (null: none) with the colored page at {@code quality} (null: default). */
    public PageJob withOutputs(Set<PageOutput> outputs, Integer quality) {
        return new PageJob(schemaVersion, publisherId, chapterId, pageNumber, sourceKey, outputFormat, modelVersion,
                enqueuedAt, forceColor, outputs, quality, hintsKey, revision);
    }

    /** This job colored with the hints stored at {@code hintsKey}, as result revision {@code revision}. */
    public PageJob withHints(String hintsKey, int revision) {
        return new PageJob(schemaVersion, publisherId, chapterId, pageNumber, sourceKey, outputFormat, modelVersion,
                enqueuedAt, forceColor, outputs, quality, hintsKey, revision);
    }

    /** Whether the page is colored with hints (and so never passed through as already in color). */
    public boolean hasHints() {
        return hintsKey != null;
    }

    /** The result revision this job makes: 0 for the upload's. */
    public int resultRevision() {
        return revision == null ? 0 : revision;
    }

    /** Whether the job asks for {@code output} besides the colored page. */
    public boolean wants(PageOutput output) {
        return outputs != null && outputs.contains(output);
    }

    @Override
    public String key() {
        return chapterId.toString();
    }
}
