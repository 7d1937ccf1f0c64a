package dev.colorize.local;

/**
 * Says why a run failed in words, for the last line a user reads: an exception's message, or, for one without
 * (an interrupt, a null pointer), its kind and the first message of its causes. "failed: null" says nothing.
 */
final class FailureReason {

    private FailureReason() {
    }

    static String of(Throwable failure) {
        if (failure.getMessage() != null && !failure.getMessage().isBlank()) {
            return failure.getMessage();
        }
        StringBuilder reason = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return reason.append(": ").append(cause.getMessage()).toString();
            }
        }
        if (failure instanceof InterruptedException) {
            reason.append(" (the run was stopped, e.g. by Ctrl-C or a timeout, before it finished)");
        }
        return reason.toString();
    }
}
