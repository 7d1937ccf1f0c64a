package dev.colorize.ml.testing;

import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.nn.Normalization;
import dev.colorize.ml.train.TrainingConfig;
import java.util.Set;

/**
 * Small versions of the paper's networks, built by the same code, so tests run in seconds. The one tiny
 * spec of the project: other modules get it from common-ml's test-jar.
 */
public final class TinyModels {

    private TinyModels() {}

    /** 64x64, base width 8, 5 levels (2x2 bottleneck), dropout on the first two decoder layers. */
    public static NetworkSpec spec() {
        return new NetworkSpec(1, 3, 8, 5, 64, Set.of(0, 1), Normalization.BATCH, 3);
    }

    /**
     * A tiny model trained {@code steps} steps on synthetic shapes, saved as an artifact folder under {@code dir}: a
     * network whose weights are not all random, for inference tests.
     */
    public static java.nio.file.Path trainedArtifact(java.nio.file.Path dir, long steps, long seed) throws Exception {
        TrainingConfig config = config(steps, seed);
        try (dev.colorize.ml.train.Pix2PixTrainer trainer = dev.colorize.ml.train.Pix2PixTrainer.create(config,
                ai.djl.Device.cpu())) {
            trainer.train(new dev.colorize.ml.SyntheticShapes(64), steps, m -> {});
            java.nio.file.Path artifact = dir.resolve("model");
            dev.colorize.ml.artifact.ModelArtifact.save(trainer.generator(), config.spec(), config, steps, null, null,
                    artifact);
            return artifact;
        }
    }

    public static TrainingConfig config(long steps, long seed) {
        return TrainingConfig.paper(spec(), steps, seed).withSchedule(steps, 0);
    }
}
