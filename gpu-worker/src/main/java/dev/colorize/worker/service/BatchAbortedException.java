package dev.colorize.worker.service;

/** A batch's outcome could not be made durable (Kafka did not acknowledge): nothing of it may be committed. */
public class BatchAbortedException extends RuntimeException {

    public BatchAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
