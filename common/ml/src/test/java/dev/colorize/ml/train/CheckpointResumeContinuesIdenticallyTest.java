package dev.colorize.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.colorize.ml.SyntheticShapes;
import dev.colorize.ml.testing.TinyModels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResumeContinuesIdenticallyTest {

    private static Map<String, float[]> weights(Block network) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    @Test
    void resumedTrainerStartsAtTheSavedStepWithTheSameWeightsAndContinuesLikeTheOriginal(@TempDir Path dir)
            throws Exception {
        SyntheticShapes shapes = new SyntheticShapes(64);
        TrainingConfig config = TinyModels.config(100, 5);
        try (Pix2PixTrainer original = Pix2PixTrainer.create(config, Device.cpu())) {
            original.train(shapes, 20, m -> {});
            original.saveCheckpoint(dir);
            Map<String, float[]> generatorAtCheckpoint = weights(original.generator());
            Map<String, float[]> discriminatorAtCheckpoint = weights(original.discriminator());

            try (Pix2PixTrainer resumed = Pix2PixTrainer.resume(dir, Device.cpu())) {
                assertThat(resumed.step()).isEqualTo(20);
                assertThat(resumed.config()).isEqualTo(config);
                assertThat(weights(resumed.generator())).containsExactlyEntriesOf(generatorAtCheckpoint);
                assertThat(weights(resumed.discriminator())).containsExactlyEntriesOf(discriminatorAtCheckpoint);

                // Same data, dropout masks and Adam moments per step: both runs stay bit-identical.
                StepMetrics[] last = new StepMetrics[2];
                original.train(shapes, 3, m -> last[0] = m);
                resumed.train(shapes, 3, m -> last[1] = m);
                assertThat(last[1].step()).isEqualTo(23);
                assertThat(last[1].generatorL1Loss()).isEqualTo(last[0].generatorL1Loss());
                assertThat(weights(resumed.generator())).containsExactlyEntriesOf(weights(original.generator()));
            }
        }
    }
}
