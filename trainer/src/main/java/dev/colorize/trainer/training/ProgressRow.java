package dev.colorize.trainer.training;

/** One training step as recorded: the pix2pix losses and the step's wall time. */
public record ProgressRow(int step, double discriminatorLoss, double generatorGanLoss, double generatorL1Loss,
        double stepMillis) {}
