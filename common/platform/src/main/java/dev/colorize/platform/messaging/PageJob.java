package dev.colorize.platform.messaging;

import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Color one page: which coloring ({@link PageRef}: chapter, page, revision), of which uploaded page, asked how
 * ({@link ColoringRequest}). Written by the ingest service's outbox relay, consumed by the GPU workers. Schema version
 * 2 nests the request; version 1 messages (every field flat) still decode ({@link PageJobV1}).
 */
public record PageJob(int schemaVersion, UUID publisherId, PageRef page, String sourceKey, ColoringRequest request,
        Instant enqueuedAt) implements Message {

    public static final int SCHEMA_VERSION = 2;

    public PageJob {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "PageJob");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(request, "request");
    }

    public static PageJob of(UUID publisherId, PageRef page, String sourceKey, ColoringRequest request,
            Instant enqueuedAt) {
        return new PageJob(SCHEMA_VERSION, publisherId, page, sourceKey, request, enqueuedAt);
    }

    /** The upload's coloring of a page, colored page only, with {@code modelVersion} (null: production). */
    public static PageJob of(UUID publisherId, UUID chapterId, int pageNumber, String sourceKey,
            OutputFormat outputFormat, Integer modelVersion, Instant enqueuedAt) {
        return of(publisherId, PageRef.upload(chapterId, pageNumber), sourceKey,
                ColoringRequest.of(outputFormat).withModelVersion(modelVersion), enqueuedAt);
    }

    public PageJob withRequest(ColoringRequest request) {
        return new PageJob(schemaVersion, publisherId, page, sourceKey, request, enqueuedAt);
    }

    /** This job, colored even when the page is already in color. */
    public PageJob withForceColor(boolean force) {
        return withRequest(request.withForceColor(force));
    }

    /** This job asking also for {@code outputs} (null: none) with the colored page at {@code quality} (null: default). */
    public PageJob withOutputs(Set<PageOutput> outputs, Integer quality) {
        return withRequest(request.withOutputs(outputs, quality));
    }

    /** This job colored with the hints stored at {@code hintsKey}, as result revision {@code revision}. */
    public PageJob withHints(String hintsKey, int revision) {
        return new PageJob(schemaVersion, publisherId, new PageRef(page.chapterId(), page.pageNumber(), revision),
                sourceKey, request.withHints(hintsKey), enqueuedAt);
    }

    public UUID chapterId() {
        return page.chapterId();
    }

    public int pageNumber() {
        return page.pageNumber();
    }

    @Override
    public String key() {
        return page.chapterId().toString();
    }
}
