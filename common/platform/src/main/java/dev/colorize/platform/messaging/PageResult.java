package dev.colorize.platform.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * The outcome of one page job, published by a worker after the colored page is stored.
 *
 * @param resultKey object key of the colored page when done; of the original page, copied unchanged under the
 *     chapter's results, when skipped; null when failed
 * @param error     why the page failed, null when done or skipped
 */
public record PageResult(
        int schemaVersion,
        UUID chapterId,
        int pageNumber,
        Status status,
        String resultKey,
        Integer modelVersion,
        String error,
        long inferenceMillis,
        long totalMillis,
        String workerId,
        Instant finishedAt) implements Message {

    public static final int SCHEMA_VERSION = 1;

    /**
     * DONE: colored. FAILED: cannot be colored. SKIPPED: the page is already in color and was passed through
     * unchanged (its bytes, under {@link dev.colorize.platform.storage.ObjectKeys#passedThrough}); a finished page,
     * not a failed one.
     */
    public enum Status { DONE, FAILED, SKIPPED }

    public PageResult {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "PageResult");
        if ((status == Status.DONE || status == Status.SKIPPED) && resultKey == null) {
            throw new IllegalArgumentException("a " + status + " result needs its resultKey");
        }
        if (status == Status.FAILED && error == null) {
            throw new IllegalArgumentException("a FAILED result needs its error");
        }
    }

    @Override
    public String key() {
        return chapterId.toString();
    }
}
