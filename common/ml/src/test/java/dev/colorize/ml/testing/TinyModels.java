package dev.colorize.ml.testing;

import ai.djl.Device;
import dev.colorize.ml.SyntheticShapes;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.nn.Normalization;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.TrainingConfig;
import java.nio.file.Path;
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
    public static Path trainedArtifact(Path dir, long steps, long seed) throws Exception {
        TrainingConfig config = config(steps, seed);
        try (Pix2PixTrainer trainer = Pix2PixTrainer.create(config, Device.cpu())) {
            trainer.train(new SyntheticShapes(64), steps, m -> {});
            Path artifact = dir.resolve("model");
            ModelArtifact.save(trainer.generator(), config.spec(), config, steps, null, null, artifact);
            return artifact;
        }
    }

    public static TrainingConfig config(long steps, long seed) {
        return TrainingConfig.paper(spec(), steps, seed).withSchedule(steps, 0);
    }
}
