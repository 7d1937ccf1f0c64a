package dev.colorize.worker.service;

import dev.colorize.platform.messaging.PageJob;

/**
 * A job as the service receives it: the page job, or why its message could not be read (then it is
 * dead-lettered), with where it came from. The service never looks into the origin; it hands it back to
 * {@link DeadLetters}.
 *
 * @param <O> where the job came from, as the messaging side knows it
 */
public record ReceivedJob<O>(O origin, PageJob job, String unreadable) {

    public static <O> ReceivedJob<O> of(O origin, PageJob job) {
        return new ReceivedJob<>(origin, job, null);
    }

    public static <O> ReceivedJob<O> unreadable(O origin, String reason) {
        return new ReceivedJob<>(origin, null, reason);
    }
}
