package dev.colorize.ml.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.colorize.ml.SyntheticShapes;
import dev.colorize.ml.testing.TinyModels;
import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.infer.GeneratorRunner;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactReloadsIdenticallyTest {

    @Test
    void folderAndZipReloadGiveIdenticalOutputsHalfPrecisionStaysCloseAndTamperedWeightsAreRefused(@TempDir Path dir) throws Exception {
        SyntheticShapes shapes = new SyntheticShapes(64);
        ImagePair probe = shapes.sample(new Random(42));
        TrainingConfig config = TinyModels.config(10, 2);
        Path folder = dir.resolve("model");
        float[] expected;
        try (Pix2PixTrainer trainer = Pix2PixTrainer.create(config, Device.cpu())) {
            trainer.train(shapes, 10, m -> {});
            expected = new GeneratorRunner(trainer.generator(), config.spec(), trainer.manager()).predict(probe.sketch(), 1);
            ModelManifest written = ModelArtifact.save(trainer.generator(), config.spec(), config, trainer.step(),
                    null, null, folder);
            assertThat(written.weightsSha256()).hasSize(64);
        }
        Path zip = dir.resolve("model.zip");
        ModelArtifact.zip(folder, zip);

        for (Path artifact : new Path[] {folder, zip}) {
            try (ModelArtifact loaded = ModelArtifact.load(artifact, Device.cpu())) {
                assertThat(loaded.manifest().formatVersion()).isEqualTo(ModelArtifact.FORMAT_VERSION);
                assertThat(loaded.manifest().spec()).isEqualTo(config.spec());
                assertThat(loaded.manifest().training()).isEqualTo(config);
                assertThat(loaded.manifest().trainingSteps()).isEqualTo(10);
                float[] actual = new GeneratorRunner(loaded.generator(), loaded.spec(), loaded.manager())
                        .predict(probe.sketch(), 1);
                assertThat(actual).containsExactly(expected);
            }
        }

        byte[] weights = Files.readAllBytes(folder.resolve(ModelArtifact.WEIGHTS));
        try (ModelArtifact full = ModelArtifact.load(folder, Device.cpu())) {
            Path half = dir.resolve("half");
            ModelArtifact.save(full.generator(), full.spec(), config, 10, null, null, half, true);
            assertThat(Files.size(half.resolve(ModelArtifact.WEIGHTS))).isLessThan(weights.length * 6L / 10);
            try (ModelArtifact loaded = ModelArtifact.load(half, Device.cpu())) {
                float[] actual = new GeneratorRunner(loaded.generator(), loaded.spec(), loaded.manager())
                        .predict(probe.sketch(), 1);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("output %d after a float16 round trip", i).isCloseTo(expected[i],
                            org.assertj.core.data.Offset.offset(0.02f));
                }
            }
        }

        weights[weights.length - 3] ^= 0x01;
        Files.write(folder.resolve(ModelArtifact.WEIGHTS), weights);
        assertThatThrownBy(() -> ModelArtifact.load(folder, Device.cpu()))
                .isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("SHA-256");
    }
}
