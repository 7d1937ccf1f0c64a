package dev.colorize.platform.messaging;

/**
 * Kafka headers on every dead letter ({@link Topics#JOBS_DEAD_LETTER}, {@link Topics#RESULTS_DEAD_LETTER}): why it
 * was refused and where it came from, so an operator can inspect and replay it. The record keeps its key and bytes.
 */
public final class DeadLetterHeaders {

    public static final String ERROR = "colorize.error";
    public static final String ERROR_KIND = "colorize.error.kind";
    public static final String ORIGINAL_TOPIC = "colorize.original.topic";
    public static final String ORIGINAL_PARTITION = "colorize.original.partition";
    public static final String ORIGINAL_OFFSET = "colorize.original.offset";
    /** Set by workers: which one gave up. */
    public static final String WORKER = "colorize.worker";

    private DeadLetterHeaders() {
    }
}
