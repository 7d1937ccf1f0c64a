package dev.colorize.worker.health;

import java.util.Optional;

/** One of the worker's own threads (the job loop, the model-events listener), as liveness sees it. */
public interface WorkerLoop {

    String name();

    /** Why the loop stopped for good while it should be running; empty while it runs (or was stopped). */
    Optional<String> failure();
}
