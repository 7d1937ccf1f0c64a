package dev.colorize.ml.train;

/** What one training step reports: losses are the batch means, step is 1-based after the step. */
public record StepMetrics(
        long step, float discriminatorLoss, float generatorGanLoss, float generatorL1Loss, double stepMillis,
        float learningRate) {}
