package dev.colorize.platform.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The outcome of one page job, published by a worker after the colored page is stored.
 *
 * @param resultKey object key of the colored page when done; of the original page, copied unchanged under the
 *     chapter's results, when skipped; null when failed
 * @param error     why the page failed, null when done or skipped
 * @param flatsKey  object key of the flat color layer (PNG), null unless the job asked for layers
 * @param linesKey  object key of the line layer (PNG, black on transparent), null unless the job asked for layers
 * @param oraKey    object key of the OpenRaster file, null unless the job asked for it
 * @param revision  the job's result revision (null or 0: the upload's; 1, 2, ...: each recolor's)
 * @param psdKey    object key of the layered Photoshop file, null unless the job asked for it (absent in results
 *     of workers that predate it)
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
        Instant finishedAt,
        String flatsKey,
        String linesKey,
        String oraKey,
        Integer revision,
        String psdKey) implements Message {

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

    /** A result with no layers: the colored page alone, or a failure. */
    public PageResult(int schemaVersion, UUID chapterId, int pageNumber, Status status, String resultKey,
            Integer modelVersion, String error, long inferenceMillis, long totalMillis, String workerId,
            Instant finishedAt) {
        this(schemaVersion, chapterId, pageNumber, status, resultKey, modelVersion, error, inferenceMillis, totalMillis,
                workerId, finishedAt, null, null, null, null, null);
    }

    /** A result of the upload's revision, with its layers. */
    public PageResult(int schemaVersion, UUID chapterId, int pageNumber, Status status, String resultKey,
            Integer modelVersion, String error, long inferenceMillis, long totalMillis, String workerId,
            Instant finishedAt, String flatsKey, String linesKey, String oraKey) {
        this(schemaVersion, chapterId, pageNumber, status, resultKey, modelVersion, error, inferenceMillis, totalMillis,
                workerId, finishedAt, flatsKey, linesKey, oraKey, null, null);
    }

    /** A result without a Photoshop file. */
    public PageResult(int schemaVersion, UUID chapterId, int pageNumber, Status status, String resultKey,
            Integer modelVersion, String error, long inferenceMillis, long totalMillis, String workerId,
            Instant finishedAt, String flatsKey, String linesKey, String oraKey, Integer revision) {
        this(schemaVersion, chapterId, pageNumber, status, resultKey, modelVersion, error, inferenceMillis, totalMillis,
                workerId, finishedAt, flatsKey, linesKey, oraKey, revision, null);
    }

    /** The result revision: 0 for the upload's. */
    public int resultRevision() {
        return revision == null ? 0 : revision;
    }

    /** Every object key of the result: the colored page and the layers written. */
    public List<String> objectKeys() {
        return Stream.of(resultKey, flatsKey, linesKey, oraKey, psdKey).filter(Objects::nonNull).toList();
    }

    @Override
    public String key() {
        return chapterId.toString();
    }
}
