package dev.colorize.trainer.training;

import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.StepMetrics;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A service run's place: progress rows and the checkpoint's key in training_runs, checkpoints (only the latest
 * kept) and a sample sheet per checkpoint in the object store; {@code work} is local scratch space.
 */
final class ServiceRunStore implements RunStore {

    private static final Logger LOG = Logger.getLogger(ServiceRunStore.class);
    /** Progress rows written in one transaction. */
    private static final int PROGRESS_BATCH = 25;

    private final TrainingRun run;
    private final String runner;
    private final RunRepository runs;
    private final CheckpointStore checkpoints;
    private final ObjectStore store;
    private final int samples;
    private final Path work;
    private final List<ProgressRow> pending = new ArrayList<>();

    ServiceRunStore(TrainingRun run, String runner, RunRepository runs, CheckpointStore checkpoints, ObjectStore store,
            int samples, Path work) {
        this.run = run;
        this.runner = runner;
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.store = store;
        this.samples = samples;
        this.work = work;
    }

    @Override
    public Optional<Path> lastCheckpoint() throws IOException {
        if (run.checkpointKey() == null) {
            return Optional.empty();
        }
        Path folder = work.resolve("resume");
        checkpoints.download(run.checkpointKey(), folder);
        LOG.infof("run %s resumes from %s", run.id(), run.checkpointKey());
        return Optional.of(folder);
    }

    @Override
    public void started(Pix2PixTrainer trainer, boolean resumed, long lastStep) {
        runs.markRunning(run.id(), runner, resumed ? (int) trainer.step() : null);
    }

    @Override
    public double trainedMillis(long step) {
        return runs.trainedMillis(run.id(), step);
    }

    @Override
    public void stepped(StepMetrics m) {
        pending.add(new ProgressRow((int) m.step(), m.discriminatorLoss(), m.generatorGanLoss(), m.generatorL1Loss(),
                m.stepMillis()));
        if (pending.size() >= PROGRESS_BATCH) {
            flushProgress();
        }
    }

    @Override
    public void flushProgress() {
        runs.record(run.id(), pending);
        pending.clear();
    }

    @Override
    public Path checkpointFolder(long step) {
        return work.resolve("checkpoint-" + step);
    }

    @Override
    public void checkpointed(Checkpoint checkpoint) throws IOException {
        flushProgress();
        String prefix = checkpoints.upload(run.id(), checkpoint.step(), checkpoint.folder());
        runs.checkpointed(run.id(), (int) checkpoint.step(), prefix);
        checkpoints.deleteOthers(run.id(), prefix);
        Folders.delete(checkpoint.folder());
        store.put(ObjectKeys.runSample(run.id(), checkpoint.step()), SampleSheet.render(checkpoint.generator(),
                checkpoint.validation().subList(0, Math.min(samples, checkpoint.validation().size()))), "image/png");
        LOG.infof("run %s checkpointed at step %d: validation L1 %.4f", run.id(), checkpoint.step(),
                checkpoint.report().model().l1());
    }
}
