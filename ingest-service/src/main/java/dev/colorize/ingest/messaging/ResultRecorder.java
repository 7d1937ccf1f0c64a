package dev.colorize.ingest.messaging;

import dev.colorize.ingest.service.PageColorings;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.service.persistence.Jdbc;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies one page result through {@link PageColorings}, after checking that it points only at its own chapter's
 * results. A duplicate or late result (the coloring already finished, or the chapter was deleted) changes nothing.
 */
@ApplicationScoped
public class ResultRecorder {

    /** What a result did. */
    public enum Outcome {
        APPLIED,
        /** A duplicate or late result: nothing to change. */
        IGNORED,
        /** An object key is outside its chapter's results: a worker must not point a tenant at another's object. */
        FOREIGN_KEY
    }

    private final Jdbc jdbc;
    private final PageColorings colorings;
    private final MeterRegistry metrics;

    public ResultRecorder(Jdbc jdbc, PageColorings colorings, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.colorings = colorings;
        this.metrics = metrics;
    }

    public Outcome apply(PageResult result) {
        Outcome outcome = jdbc.inTransaction(c -> {
            Optional<UUID> publisher = Jdbc.queryOne(c, "SELECT publisher_id FROM chapters WHERE id = ?",
                    r -> r.getObject(1, UUID.class), result.chapterId());
            if (publisher.isEmpty()) {
                return Outcome.IGNORED;
            }
            if (result.state().hasResult() && !underChapterResults(result, publisher.get())) {
                return Outcome.FOREIGN_KEY;
            }
            return colorings.finish(c, result) ? Outcome.APPLIED : Outcome.IGNORED;
        });
        metrics.counter("colorize.ingest.results", "status", result.state().name(), "applied",
                Boolean.toString(outcome == Outcome.APPLIED)).increment();
        return outcome;
    }

    /** The colored page and every layer lie under the chapter's results. */
    private static boolean underChapterResults(PageResult result, UUID publisherId) {
        String prefix = ObjectKeys.resultPrefix(publisherId, result.chapterId());
        return result.outputs().all().stream().allMatch(key -> key.startsWith(prefix) && !key.contains(".."));
    }
}
