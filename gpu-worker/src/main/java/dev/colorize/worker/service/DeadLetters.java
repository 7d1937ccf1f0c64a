package dev.colorize.worker.service;

import java.util.concurrent.CompletableFuture;

/**
 * Where jobs go that are not the page's fault but cannot be processed now (or at all). The service decides
 * what is dead-lettered; messaging implements the sending, which is why the origin stays opaque here.
 *
 * @param <O> where a job came from, as the messaging side knows it
 */
public interface DeadLetters<O> {

    /** Completes once the dead letter is durable; only then may the job's offset be committed. */
    CompletableFuture<?> deadLetter(O origin, DeadLetterKind kind, String error, String workerId);
}
