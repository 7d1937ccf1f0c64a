package dev.colorize.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.colorize.ml.SyntheticShapes;
import dev.colorize.ml.testing.TinyModels;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch's grad mode is per native thread and on by default; services create, train and resume on
 * their own worker threads, where in-place weight writes must still work.
 */
class TrainingAndLoadingWorkOnFreshThreadsTest {

    @Test
    void aTrainerCreatedTrainedAndResumedOnNewThreadsWorks(@TempDir Path dir) throws Exception {
        SyntheticShapes shapes = new SyntheticShapes(64);
        TrainingConfig config = TinyModels.config(100, 11);
        long saved = onNewThread(() -> {
            try (Pix2PixTrainer trainer = Pix2PixTrainer.create(config, Device.cpu())) {
                trainer.train(shapes, 3, m -> { });
                trainer.saveCheckpoint(dir);
                return trainer.step();
            }
        });
        long continued = onNewThread(() -> {
            try (Pix2PixTrainer resumed = Pix2PixTrainer.resume(dir, Device.cpu())) {
                resumed.train(shapes, 2, m -> { });
                return resumed.step();
            }
        });
        assertThat(saved).isEqualTo(3);
        assertThat(continued).isEqualTo(5);
    }

    private static <T> T onNewThread(Callable<T> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(work).get();
        } finally {
            thread.shutdownNow();
        }
    }
}
