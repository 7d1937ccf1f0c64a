package dev.colorize.worker.service;

import dev.colorize.platform.messaging.PageResult;
import java.util.concurrent.CompletableFuture;

/** Where the service reports each page's outcome; messaging implements it. */
public interface PageResults {

    /** Completes once the result is durable; only then may the job's offset be committed. */
    CompletableFuture<?> publish(PageResult result);
}
