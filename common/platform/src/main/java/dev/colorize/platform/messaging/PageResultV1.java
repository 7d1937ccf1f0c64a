package dev.colorize.platform.messaging;

import dev.colorize.platform.coloring.PageFile;
import dev.colorize.platform.coloring.PageOutputs;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.coloring.PageState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** A {@link PageResult} as schema version 1 wrote it, every key a field: results of workers older than the upgrade. */
record PageResultV1(int schemaVersion, UUID chapterId, int pageNumber, String status, String resultKey,
        Integer modelVersion, String error, long inferenceMillis, long totalMillis, String workerId, Instant finishedAt,
        String flatsKey, String linesKey, String oraKey, Integer revision, String psdKey) {

    PageResult upgrade() {
        Map<PageFile, String> keys = new EnumMap<>(PageFile.class);
        keys.put(PageFile.COLORED, resultKey);
        keys.put(PageFile.FLATS, flatsKey);
        keys.put(PageFile.LINES, linesKey);
        keys.put(PageFile.ORA, oraKey);
        keys.put(PageFile.PSD, psdKey);
        return new PageResult(PageResult.SCHEMA_VERSION,
                new PageRef(chapterId, pageNumber, revision == null ? 0 : revision), PageState.valueOf(status),
                new PageOutputs(keys), modelVersion, error, inferenceMillis, totalMillis, workerId, finishedAt, null);
    }
}
