package dev.colorize.local;

/** A service the run started exited without being asked to; the message says which, how, and its log's end. */
final class ServiceDiedException extends IllegalStateException {

    ServiceDiedException(String message, Throwable cause) {
        super(message, cause);
    }
}
