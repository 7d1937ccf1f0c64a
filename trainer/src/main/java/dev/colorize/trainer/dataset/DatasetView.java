package dev.colorize.trainer.dataset;

import java.time.Instant;

/** A dataset as the API shows it. */
public record DatasetView(String name, double validationFraction, int trainingImages, int validationImages,
        String createdBy, Instant createdAt) {}
