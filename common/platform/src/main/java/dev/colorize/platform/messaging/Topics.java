package dev.colorize.platform.messaging;

/** Every Kafka topic of the system, in one place. */
public final class Topics {

    /** One {@link PageJob} per page to color; keyed by chapter id so a chapter's pages stay ordered. */
    public static final String JOBS = "colorize.jobs";
    /** One {@link PageResult} per processed page (done or failed). */
    public static final String RESULTS = "colorize.results";
    /** Jobs that could not be parsed or kept failing transiently, with the error in headers. */
    public static final String JOBS_DEAD_LETTER = "colorize.jobs.dlq";
    /**
     * Results the ingest service could not apply (unreadable, unknown version, an object key outside the
     * chapter's results): the message unchanged, the reason in headers.
     */
    public static final String RESULTS_DEAD_LETTER = "colorize.results.dlq";
    /** {@link ModelEvent}s: a version registered or an alias moved. */
    public static final String MODEL_EVENTS = "model.events";

    private Topics() {
    }
}
