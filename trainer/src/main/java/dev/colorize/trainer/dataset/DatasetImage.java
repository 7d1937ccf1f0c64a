package dev.colorize.trainer.dataset;

import java.time.Instant;

/** One stored image of a dataset. */
public record DatasetImage(String sha256, String objectKey, Split split, int width, int height, long byteSize,
        String sourceName, Instant addedAt) {}
