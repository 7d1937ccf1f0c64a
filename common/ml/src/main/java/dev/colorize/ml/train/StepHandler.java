package dev.colorize.ml.train;

/**
 * What {@link Pix2PixTrainer#trainUntil} calls around each step: progress records, checkpoints, a stop
 * request (thrown from {@link #beforeStep}). {@code E} lets a handler that writes files throw its
 * IOException through the loop.
 */
@FunctionalInterface
public interface StepHandler<E extends Exception> {

    /** Before the step that starts at {@code step} (0-based). */
    default void beforeStep(long step) throws E {}

    void afterStep(StepMetrics metrics) throws E;
}
