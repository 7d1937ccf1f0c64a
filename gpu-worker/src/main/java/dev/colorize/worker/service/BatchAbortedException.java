package dev.colorize.worker.service;

/** A batch's outcome could not be made durable (a result or dead letter was not acknowledged): nothing of it may be committed. */
public class BatchAbortedException extends RuntimeException {

    public BatchAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
