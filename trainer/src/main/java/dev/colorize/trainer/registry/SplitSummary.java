package dev.colorize.trainer.registry;

import java.time.Instant;

/** model_versions.split: which images of the dataset a version was trained and validated on. */
public record SplitSummary(double validationFraction, int trainingImages, int validationImages, Instant snapshotAt,
        String rule) {

    public static final String RULE = "sha256[0..8] as unsigned long mod 1e6 < validationFraction * 1e6";
}
