package dev.colorize.trainer;

import ai.djl.Device;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.eval.MetricSet;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.testing.TinyModels;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.TrainingConfig;
import dev.colorize.trainer.registry.ModelPublisher;
import dev.colorize.trainer.registry.NewVersion;
import dev.colorize.trainer.registry.SplitSummary;
import dev.colorize.trainer.registry.ValidationMetrics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/** Real (untrained) tiny artifacts registered as model versions, for the registry's tests. */
final class TinyVersions {

    private TinyVersions() {}

    /** Registered with validation L1 {@code l1}; the sketch and mean baselines as given (null: the model's figures). */
    static int register(ModelPublisher registry, Path work, String dataset, double l1, MetricSet sketch, MetricSet mean)
            throws Exception {
        NetworkSpec spec = TinyModels.spec();
        TrainingConfig config = TrainingConfig.paper(spec, 1, 7);
        String name = UUID.randomUUID().toString();
        Path folder = work.resolve("artifact-" + name);
        try (Pix2PixTrainer trainer = Pix2PixTrainer.create(config, Device.cpu())) {
            ModelArtifact.save(trainer.generator(), spec, config, 0, null, null, folder);
        }
        Path zip = work.resolve("model-" + name + ".zip");
        ModelArtifact.zip(folder, zip);
        MetricSet metrics = new MetricSet(l1, 20, 0.5, 30, 0.5, 0.4);
        return registry.register(new NewVersion(zip, spec, config, dataset,
                new SplitSummary(0.25, 3, 1, Instant.now(), SplitSummary.RULE),
                new ValidationMetrics(1, metrics, sketch == null ? metrics : sketch, mean == null ? metrics : mean, 30,
                        null, null), null, null));
    }
}
