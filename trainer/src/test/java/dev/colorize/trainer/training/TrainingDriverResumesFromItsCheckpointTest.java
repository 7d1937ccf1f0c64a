package dev.colorize.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.colorize.trainer.TestImages;
import dev.colorize.ml.data.PairLayout;
import dev.colorize.ml.data.PairedImageFolder;
import dev.colorize.ml.data.sketch.SketchMix;
import dev.colorize.ml.testing.TinyModels;
import dev.colorize.ml.train.Pix2PixTrainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped mid-way and started again continues from its last checkpoint to the step it was asked for. */
class TrainingDriverResumesFromItsCheckpointTest {

    @TempDir
    Path dir;

    private TrainingSource source;

    @BeforeEach
    void shapes() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 24; i++) {
            Files.write(images.resolve(i + ".png"), TestImages.shapes(1000 + i, 64));
        }
        source = TrainingSource.colorImages(new PairedImageFolder(images, PairLayout.COLOR_ONLY, 64, 0.25,
                SketchMix.standard()));
    }

    @Test
    void aStoppedRunResumesFromItsLastCheckpointAndEndsAtTheSameStepAsOneThatWasNotStopped() throws Exception {
        TrainingSettings settings = new RunOptions(TinyModels.spec(), null, null, null, null, 8L, 0L, null, 2, 1e-3f,
                3L, null, null, null, null, null, 2, 0.0, 4, null).settings(new RunOptions.Defaults(8, 2, 0));
        TrainingDriver driver = new TrainingDriver(Device.cpu());

        Path stopped = dir.resolve("stopped");
        AtomicInteger stepsStarted = new AtomicInteger();
        assertThatThrownBy(() -> driver.train(settings, source, store(stopped), Optional.empty(),
                () -> stepsStarted.incrementAndGet() > 5)).isInstanceOf(RunInterruptedException.class);
        assertThat(checkpointSteps(stopped)).containsExactly(2L, 4L);

        long resumedAt;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (Pix2PixTrainer resumed = driver.train(settings, source, new FolderRunStore(stopped,
                new PrintStream(console, true)), Optional.empty(), () -> false)) {
            resumedAt = resumed.step();
        }
        assertThat(console.toString()).contains("from step 4 to 8");
        Path straight = dir.resolve("straight");
        try (Pix2PixTrainer whole = driver.train(settings, source, store(straight), Optional.empty(), () -> false)) {
            assertThat(resumedAt).isEqualTo(whole.step()).isEqualTo(8);
        }
        assertThat(checkpointSteps(stopped)).containsExactly(2L, 4L, 6L, 8L).isEqualTo(checkpointSteps(straight));
        assertThat(stopped.resolve("best-model").resolve("manifest.json")).exists();
    }

    private FolderRunStore store(Path out) throws Exception {
        return new FolderRunStore(out, quiet());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    private static List<Long> checkpointSteps(Path out) throws Exception {
        return Files.readAllLines(out.resolve("checkpoints.csv")).stream().skip(1)
                .map(row -> Long.parseLong(row.split(",")[0])).toList();
    }
}
