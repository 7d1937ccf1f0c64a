package dev.colorize.ml.data;

/** What a model was trained on, for its manifest. */
public record DataSummary(String source, PairLayout layout, int trainingImages, int validationImages,
        double validationFraction, String sketchExtractors) {}
