package dev.colorize.worker.service;

import dev.colorize.platform.storage.ObjectStoreException;
import java.nio.channels.ClosedByInterruptException;

/**
 * The worker stopped while a page's store call was under way: the call was interrupted, which says nothing
 * about the page, so the batch ends without an outcome (no result, no dead letter, no commit) and is
 * redone elsewhere. Its attempt stays counted, as a crash's would.
 */
public class WorkerStoppedException extends RuntimeException {

    public WorkerStoppedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Throws when {@code e} comes from an interrupted call, so it is not taken for a fault of the page.
     * (Not {@code InterruptedIOException}: OkHttp and sockets use it for timeouts, which are the store's.)
     */
    static void throwIfInterrupted(String what, ObjectStoreException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException
                    || Thread.currentThread().isInterrupted()) {
                throw new WorkerStoppedException("stopped while " + what, e);
            }
        }
    }
}
