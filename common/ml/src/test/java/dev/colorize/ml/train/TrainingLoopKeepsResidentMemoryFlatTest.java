package dev.colorize.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.colorize.ml.SyntheticShapes;
import dev.colorize.ml.testing.TinyModels;
import dev.colorize.ml.bench.ResidentMemory;
import org.junit.jupiter.api.Test;

class TrainingLoopKeepsResidentMemoryFlatTest {

    @Test
    void thousandStepsDoNotGrowResidentMemory() {
        SyntheticShapes shapes = new SyntheticShapes(64);
        try (Pix2PixTrainer trainer = Pix2PixTrainer.create(TinyModels.config(1400, 3), Device.cpu())) {
            // warm-up: JIT, allocator pools and the first touch of the Java heap's pages
            trainer.train(shapes, 400, m -> {});
            System.gc();
            long afterWarmUp = ResidentMemory.kib();
            int arraysAfterWarmUp = trainer.manager().getManagedArrays().size();
            trainer.train(shapes, 1000, m -> {});
            System.gc();
            long atEnd = ResidentMemory.kib();
            System.out.printf("training RSS after warm-up %d KiB, after 1000 more steps %d KiB%n", afterWarmUp, atEnd);
            // A leak of even one small activation per step (tiny model: ~16 KiB) would add > 15 MiB.
            assertThat(atEnd - afterWarmUp).isLessThan(12 * 1024);
            assertThat(trainer.manager().getManagedArrays()).hasSize(arraysAfterWarmUp);
        }
    }
}
