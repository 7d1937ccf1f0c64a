package dev.colorize.trainer.training;

import ai.djl.Device;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.eval.EvaluationReport;
import dev.colorize.ml.eval.Evaluator;
import dev.colorize.ml.infer.GeneratorRunner;
import dev.colorize.ml.nn.ParameterFile;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.StepHandler;
import dev.colorize.ml.train.StepMetrics;
import dev.colorize.ml.train.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The one training loop around {@link Pix2PixTrainer}, whoever starts the run ({@code train-colorizer}, the
 * admin API or console, the schedule): networks resumed from the store's last checkpoint, else fresh (or from
 * a given generator, to fine-tune); steps to the settings' last step or time budget, each reported to the store;
 * a checkpoint every so many steps or minutes and at the end, each with BatchNorm statistics re-estimated,
 * evaluated on the validation images and marked best when its validation L1 is the lowest so far.
 */
public final class TrainingDriver {

    /** Batches that re-estimate BatchNorm statistics before each checkpoint (0.9^32: 3 % of the old left). */
    private static final int RECALIBRATION_BATCHES = 32;
    /** The best validation L1 so far, kept in each checkpoint so a resumed run still knows it. */
    private static final String BEST_L1 = "best-l1.txt";

    private final Device device;

    public TrainingDriver(Device device) {
        this.device = device;
    }

    /**
     * Trains the run and returns its trainer at the final checkpoint, for the caller to use and close.
     *
     * @param startingGenerator generator weights a fresh run starts from; a resumed run has its own
     * @throws RunInterruptedException when {@code stopping} turned true; the store has the progress to there
     */
    public Pix2PixTrainer train(TrainingSettings settings, TrainingSource source, RunStore store,
            Optional<Path> startingGenerator, BooleanSupplier stopping) throws IOException {
        Optional<Path> checkpoint = store.lastCheckpoint();
        Pix2PixTrainer trainer = checkpoint.isPresent() ? Pix2PixTrainer.resume(checkpoint.get(), device)
                : Pix2PixTrainer.create(settings.trainingConfig(), device);
        try {
            if (checkpoint.isEmpty() && startingGenerator.isPresent()) {
                ParameterFile.load(trainer.generator(), startingGenerator.get());
            }
            double bestL1 = checkpoint.map(TrainingDriver::bestL1).orElse(Double.MAX_VALUE);
            new Run(settings, source, store, trainer, bestL1).train(checkpoint.isPresent(), stopping);
            return trainer;
        } catch (IOException | RuntimeException e) {
            trainer.close();
            throw e;
        }
    }

    private static double bestL1(Path checkpoint) {
        try {
            Path file = checkpoint.resolve(BEST_L1);
            return Files.exists(file) ? Double.parseDouble(Files.readString(file).strip()) : Double.MAX_VALUE;
        } catch (IOException e) {
            return Double.MAX_VALUE;
        }
    }

    /** One invocation's state: when it last checkpointed, and the best L1. */
    private static final class Run {

        private final TrainingSettings settings;
        private final TrainingSource source;
        private final RunStore store;
        private final Pix2PixTrainer trainer;
        private final TrainingData data;
        private final List<ImagePair> validation;
        private final long start = System.nanoTime();
        private double bestL1;
        private long checkpointedStep;
        private long checkpointedAt = start;

        Run(TrainingSettings settings, TrainingSource source, RunStore store, Pix2PixTrainer trainer, double bestL1) {
            this.settings = settings;
            this.source = source;
            this.store = store;
            this.trainer = trainer;
            this.data = source.trainingData();
            this.validation = source.validationPairs(settings.validationLimit());
            this.bestL1 = bestL1;
            this.checkpointedStep = trainer.step();
        }

        void train(boolean resumed, BooleanSupplier stopping) throws IOException {
            long lastStep = Math.min(settings.untilStep(), trainer.config().totalSteps());
            store.started(trainer, resumed, lastStep);
            double budgetMillis = settings.timeBudgetSeconds() == null ? Double.MAX_VALUE
                    : settings.timeBudgetSeconds() * 1000.0;
            trainer.trainUntil(data, lastStep, budgetMillis, store.trainedMillis(trainer.step()),
                    new StepHandler<IOException>() {
                        @Override
                        public void beforeStep(long step) {
                            if (stopping.getAsBoolean()) {
                                store.flushProgress();
                                throw new RunInterruptedException("trainer stopping at step " + step);
                            }
                        }

                        @Override
                        public void afterStep(StepMetrics metrics) throws IOException {
                            store.stepped(metrics);
                            if (checkpointDue(metrics.step())) {
                                checkpoint();
                            }
                        }
                    });
            store.flushProgress();
            if (trainer.step() != checkpointedStep) {
                // the final state, so what follows (evaluation, registration, a rerun) does not redo training
                checkpoint();
            }
        }

        private boolean checkpointDue(long step) {
            return settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0
                    || settings.checkpointMinutes() > 0 && minutesSince(checkpointedAt) >= settings.checkpointMinutes();
        }

        private void checkpoint() throws IOException {
            trainer.recalibrateNormalization(data, RECALIBRATION_BATCHES);
            long step = trainer.step();
            Path folder = store.checkpointFolder(step);
            trainer.saveCheckpoint(folder);
            GeneratorRunner generator = new GeneratorRunner(trainer.generator(), trainer.config().spec(),
                    trainer.manager());
            EvaluationReport report = Evaluator.evaluate(generator, validation);
            // adversarial training wanders: the run's best is the lowest validation L1 (to the 4 places reported)
            double l1 = Double.parseDouble(String.format(Locale.ROOT, "%.4f", report.model().l1()));
            boolean best = l1 <= bestL1;
            if (best) {
                bestL1 = l1;
            }
            Files.writeString(folder.resolve(BEST_L1), Double.toString(bestL1));
            store.checkpointed(new RunStore.Checkpoint(step, minutesSince(start), folder, report, best, generator,
                    validation, model -> ModelArtifact.save(trainer.generator(), trainer.config().spec(),
                            trainer.config(), step, source.summary(), report, model)));
            checkpointedStep = step;
            checkpointedAt = System.nanoTime();
        }

        private static double minutesSince(long nanos) {
            return (System.nanoTime() - nanos) / 60e9;
        }
    }
}
