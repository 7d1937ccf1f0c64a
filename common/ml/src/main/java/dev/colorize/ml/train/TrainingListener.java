package dev.colorize.ml.train;

/** Called after every training step (the trainer service records these). */
@FunctionalInterface
public interface TrainingListener {
    void onStep(StepMetrics metrics);
}
