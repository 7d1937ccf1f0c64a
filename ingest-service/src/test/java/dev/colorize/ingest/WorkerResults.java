package dev.colorize.ingest;

import dev.colorize.platform.coloring.PageFile;
import dev.colorize.platform.coloring.PageOutputs;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.messaging.PageResult;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** Results as a worker publishes them, for tests that play the worker. */
final class WorkerResults {

    private WorkerResults() {
    }

    /** Colored at {@code colored}, with the layer keys given (null: not written). */
    static PageResult done(UUID chapter, int page, int revision, Integer model, String colored, String flats,
            String lines, String ora) {
        Map<PageFile, String> keys = new EnumMap<>(PageFile.class);
        keys.put(PageFile.COLORED, colored);
        keys.put(PageFile.FLATS, flats);
        keys.put(PageFile.LINES, lines);
        keys.put(PageFile.ORA, ora);
        return PageResult.done(new PageRef(chapter, page, revision), new PageOutputs(keys), model, 100, 150,
                "test-worker", Instant.now());
    }

    static PageResult done(UUID chapter, int page, Integer model, String colored) {
        return done(chapter, page, 0, model, colored, null, null, null);
    }

    static PageResult failed(UUID chapter, int page, int revision, String error) {
        return PageResult.failed(new PageRef(chapter, page, revision), null, error, 0, 10, "test-worker", Instant.now());
    }

    static PageResult failed(UUID chapter, int page, String error) {
        return failed(chapter, page, 0, error);
    }

    /** Already in color: its bytes passed through at {@code key}. */
    static PageResult skipped(UUID chapter, int page, String key) {
        return PageResult.skipped(PageRef.upload(chapter, page), key, 150, "test-worker", Instant.now());
    }
}
