package dev.colorize.platform.messaging;

import dev.colorize.platform.coloring.PageOutputs;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.coloring.ReferenceUse;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The outcome of one page job, published by a worker after what it wrote is stored. Schema version 2 nests the
 * coloring it finishes ({@link PageRef}) and what was written ({@link PageOutputs}); version 1 messages still decode
 * ({@link PageResultV1}).
 *
 * @param state   DONE (colored), SKIPPED (already in color: its bytes passed through unchanged, under
 *     {@link dev.colorize.platform.storage.ObjectKeys#passedThrough}, a finished page and not a failed one) or FAILED
 * @param outputs the colored page ({@link dev.colorize.platform.coloring.PageFile#COLORED}) and what else the job asked
 *     for; empty when failed
 * @param error   why the page failed, null when done or skipped
 * @param referenceUse how many of the page's regions followed its series' references; null when it had none
 */
public record PageResult(int schemaVersion, PageRef page, PageState state, PageOutputs outputs, Integer modelVersion,
        String error, long inferenceMillis, long totalMillis, String workerId, Instant finishedAt,
        ReferenceUse referenceUse) implements Message {

    public static final int SCHEMA_VERSION = 2;

    public PageResult {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "PageResult");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(state, "state");
        outputs = outputs == null ? PageOutputs.NONE : outputs;
        if (!state.finished()) {
            throw new IllegalArgumentException("a result finishes a coloring, it cannot be " + state);
        }
        if (state.hasResult() && outputs.colored() == null) {
            throw new IllegalArgumentException("a " + state + " result needs its colored page");
        }
        if (state == PageState.FAILED && error == null) {
            throw new IllegalArgumentException("a FAILED result needs its error");
        }
    }

    public static PageResult done(PageRef page, PageOutputs outputs, Integer modelVersion, long inferenceMillis,
            long totalMillis, String workerId, Instant finishedAt) {
        return new PageResult(SCHEMA_VERSION, page, PageState.DONE, outputs, modelVersion, null, inferenceMillis,
                totalMillis, workerId, finishedAt, null);
    }

    /** This result, saying how many of the page's regions followed its series' references. */
    public PageResult withReferenceUse(ReferenceUse referenceUse) {
        return new PageResult(schemaVersion, page, state, outputs, modelVersion, error, inferenceMillis, totalMillis,
                workerId, finishedAt, referenceUse);
    }

    /** A page already in color, its bytes stored unchanged at {@code passedThroughKey}. */
    public static PageResult skipped(PageRef page, String passedThroughKey, long totalMillis, String workerId,
            Instant finishedAt) {
        return new PageResult(SCHEMA_VERSION, page, PageState.SKIPPED, PageOutputs.colored(passedThroughKey), null, null,
                0, totalMillis, workerId, finishedAt, null);
    }

    public static PageResult failed(PageRef page, Integer modelVersion, String error, long inferenceMillis,
            long totalMillis, String workerId, Instant finishedAt) {
        return new PageResult(SCHEMA_VERSION, page, PageState.FAILED, PageOutputs.NONE, modelVersion, error,
                inferenceMillis, totalMillis, workerId, finishedAt, null);
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
