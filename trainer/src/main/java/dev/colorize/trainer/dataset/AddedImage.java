package dev.colorize.trainer.dataset;

/** The result of adding an image: {@code added} is false when the same bytes were already there. */
public record AddedImage(DatasetImage image, boolean added) {}
