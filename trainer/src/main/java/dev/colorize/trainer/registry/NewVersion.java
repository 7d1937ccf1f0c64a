package dev.colorize.trainer.registry;

import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.train.TrainingConfig;
import java.nio.file.Path;
import java.util.UUID;

/** What a finished run registers: the artifact zip and everything model_versions says about it. */
public record NewVersion(Path artifactZip, NetworkSpec spec, TrainingConfig trainingConfig, String dataset,
        SplitSummary split, ValidationMetrics metrics, Integer parentVersion, UUID runId) {}
