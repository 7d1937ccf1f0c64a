package dev.colorize.trainer.training;

import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.eval.EvaluationReport;
import dev.colorize.ml.infer.GeneratorRunner;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link TrainingDriver} keeps a run between its steps: a local folder (the CLI) or the object store and
 * the run's rows (the service).
 */
public interface RunStore {

    /** The checkpoint to resume from, as a local folder, if the run has one. */
    Optional<Path> lastCheckpoint() throws IOException;

    /** The networks are ready at {@code trainer.step()}; the run trains to {@code lastStep}. */
    void started(Pix2PixTrainer trainer, boolean resumed, long lastStep);

    /** Training time the run spent up to {@code step}, for a time budget that survives resumes. */
    double trainedMillis(long step);

    void stepped(StepMetrics metrics) throws IOException;

    /** Writes what {@link #stepped} may still hold back (before a stop and at the end). */
    void flushProgress();

    /** An empty local folder for the checkpoint at {@code step}. */
    Path checkpointFolder(long step) throws IOException;

    /** Keeps a checkpoint the driver saved into {@link #checkpointFolder}, evaluated. */
    void checkpointed(Checkpoint checkpoint) throws IOException;

    /**
     * One checkpoint: its folder, its evaluation on the validation images and whether it is the run's best so
     * far (lowest validation L1), the generator as it is and a way to write it as a model artifact.
     */
    record Checkpoint(long step, double minutes, Path folder, EvaluationReport report, boolean best,
            GeneratorRunner generator, List<ImagePair> validation, ModelWriter model) {}

    /** Writes the generator at this checkpoint as a model artifact folder. */
    @FunctionalInterface
    interface ModelWriter {
        void save(Path folder) throws IOException;
    }
}
