package dev.colorize.platform.messaging;

import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageRef;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A {@link PageJob} as schema version 1 wrote it, every field flat: jobs still in outboxes and topics at upgrade. */
record PageJobV1(int schemaVersion, UUID publisherId, UUID chapterId, int pageNumber, String sourceKey,
        OutputFormat outputFormat, Integer modelVersion, Instant enqueuedAt, Boolean forceColor,
        Set<PageOutput> outputs, Integer quality, String hintsKey, Integer revision) {

    PageJob upgrade() {
        return PageJob.of(publisherId, new PageRef(chapterId, pageNumber, revision == null ? 0 : revision), sourceKey,
                new ColoringRequest(outputFormat == null ? OutputFormat.PNG : outputFormat, outputs, quality, modelVersion, Boolean.TRUE.equals(forceColor),
                        hintsKey, null), enqueuedAt);
    }
}
