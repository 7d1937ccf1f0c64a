package dev.colorize.trainer.training;

import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.model.ModelAliases;
import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.data.DataSummary;
import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.data.PairLayout;
import dev.colorize.ml.data.PairedImageFolder;
import dev.colorize.ml.data.sketch.SketchMix;
import dev.colorize.ml.eval.EvaluationReport;
import dev.colorize.ml.eval.Evaluator;
import dev.colorize.ml.infer.GeneratorRunner;
import dev.colorize.ml.nn.ParameterFile;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.StepHandler;
import dev.colorize.ml.train.StepMetrics;
import dev.colorize.ml.train.TrainingData;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.trainer.config.TrainerConfig;
import dev.colorize.trainer.dataset.DatasetRepository;
import dev.colorize.trainer.dataset.DatasetSnapshot;
import dev.colorize.trainer.dataset.DatasetView;
import dev.colorize.trainer.registry.ModelPublisher;
import dev.colorize.trainer.registry.ModelVersion;
import dev.colorize.trainer.registry.NewVersion;
import dev.colorize.trainer.registry.RegistryRepository;
import dev.colorize.trainer.registry.SplitSummary;
import dev.colorize.trainer.registry.ValidationMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Carries one run to its end: dataset snapshot, fresh / fine-tuned / resumed networks, steps with
 * progress rows, checkpoints and sample sheets in the object store, then evaluation against the
 * baselines and production on the validation split, and registration of the new version.
 */
@ApplicationScoped
public class RunTrainer {

    private static final Logger LOG = Logger.getLogger(RunTrainer.class);
    private static final int PROGRESS_BATCH = 25;

    private final TrainerConfig config;
    private final RunRepository runs;
    private final DatasetRepository datasets;
    private final DatasetSnapshot snapshots;
    private final CheckpointStore checkpoints;
    private final ObjectStore store;
    private final RegistryRepository registry;
    private final ModelPublisher models;

    public RunTrainer(TrainerConfig config, RunRepository runs, DatasetRepository datasets, DatasetSnapshot snapshots,
            CheckpointStore checkpoints, ObjectStore store, RegistryRepository registry, ModelPublisher models) {
        this.config = config;
        this.runs = runs;
        this.datasets = datasets;
        this.snapshots = snapshots;
        this.checkpoints = checkpoints;
        this.store = store;
        this.registry = registry;
        this.models = models;
    }

    /** Trains, evaluates and registers; throws {@link RunInterruptedException} when {@code stopping} turns true. */
    public int execute(TrainingRun run, String runner, BooleanSupplier stopping) throws IOException {
        Path work = config.workDir().resolve("runs").resolve(run.id().toString());
        Device device = Engine.getInstance().defaultDevice();
        try {
            RunPlan plan = run.plan();
            DatasetView dataset = datasets.find(run.dataset())
                    .orElseThrow(() -> new IllegalStateException("dataset " + run.dataset() + " no longer exists"));
            snapshots.download(run.dataset(), run.createdAt(), work.resolve("images"));
            PairedImageFolder folder = new PairedImageFolder(work.resolve("images"), PairLayout.COLOR_ONLY,
                    plan.spec().imageSize(), dataset.validationFraction(), SketchMix.standard(), plan.spec().takesHints());
            List<ImagePair> validation = folder.validationPairs();
            if (validation.isEmpty() || folder.trainingFiles().isEmpty()) {
                throw new IllegalStateException("dataset " + run.dataset() + " needs training and validation images (has "
                        + folder.trainingFiles().size() + " and " + validation.size() + ")");
            }
            try (Pix2PixTrainer trainer = start(run, work, device)) {
                runs.markRunning(run.id(), runner, run.checkpointKey() == null ? null : (int) trainer.step());
                train(run, trainer, folder.trainingData(), validation, work, stopping);
                return register(run, trainer, folder, validation, dataset, work, device);
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private Pix2PixTrainer start(TrainingRun run, Path work, Device device) throws IOException {
        if (run.checkpointKey() != null) {
            Path checkpoint = work.resolve("resume");
            checkpoints.download(run.checkpointKey(), checkpoint);
            LOG.infof("run %s resumes from %s", run.id(), run.checkpointKey());
            return Pix2PixTrainer.resume(checkpoint, device);
        }
        Pix2PixTrainer trainer = Pix2PixTrainer.create(run.plan().trainingConfig(), device);
        if (run.plan().fineTune() && run.parentVersion() != null) {
            ModelVersion parent = registry.version(run.parentVersion()).orElseThrow();
            try (ModelArtifact artifact = ModelArtifact.load(models.download(parent, work.resolve("parent")), device)) {
                Path weights = work.resolve("parent").resolve("generator.params");
                ParameterFile.save(artifact.generator(), weights);
                ParameterFile.load(trainer.generator(), weights);
            } catch (IOException | RuntimeException e) {
                trainer.close();
                throw e;
            }
            LOG.infof("run %s fine-tunes version %d", run.id(), parent.version());
        }
        return trainer;
    }

    private void train(TrainingRun run, Pix2PixTrainer trainer, TrainingData data, List<ImagePair> validation,
            Path work, BooleanSupplier stopping) throws IOException {
        RunPlan plan = run.plan();
        List<ImagePair> samples = validation.subList(0, Math.min(config.runs().samples(), validation.size()));
        double budgetMillis = plan.timeBudgetSeconds() == null ? Double.MAX_VALUE : plan.timeBudgetSeconds() * 1000.0;
        List<ProgressRow> pending = new ArrayList<>();
        trainer.trainUntil(data, plan.steps(), budgetMillis, runs.trainedMillis(run.id(), trainer.step()),
                new StepHandler<IOException>() {
                    @Override
                    public void beforeStep(long step) {
                        if (stopping.getAsBoolean()) {
                            runs.record(run.id(), pending);
                            throw new RunInterruptedException("trainer stopping at step " + step);
                        }
                    }

                    @Override
                    public void afterStep(StepMetrics m) throws IOException {
                        pending.add(new ProgressRow((int) m.step(), m.discriminatorLoss(), m.generatorGanLoss(),
                                m.generatorL1Loss(), m.stepMillis()));
                        boolean checkpointDue = m.step() % plan.checkpointEvery() == 0;
                        if (pending.size() >= PROGRESS_BATCH || checkpointDue) {
                            runs.record(run.id(), pending);
                            pending.clear();
                        }
                        if (checkpointDue) {
                            checkpoint(run, trainer, samples, work);
                        }
                    }
                });
        runs.record(run.id(), pending);
        if (trainer.step() % plan.checkpointEvery() != 0) {
            // the final state, so a crash during evaluation or registration does not redo training
            checkpoint(run, trainer, samples, work);
        }
    }

    private void checkpoint(TrainingRun run, Pix2PixTrainer trainer, List<ImagePair> samples, Path work)
            throws IOException {
        long step = trainer.step();
        Path folder = work.resolve("checkpoint-" + step);
        trainer.saveCheckpoint(folder);
        String prefix = checkpoints.upload(run.id(), step, folder);
        runs.checkpointed(run.id(), (int) step, prefix);
        checkpoints.deleteOthers(run.id(), prefix);
        deleteRecursively(folder);
        GeneratorRunner runner = new GeneratorRunner(trainer.generator(), trainer.config().spec(), trainer.manager());
        store.put(ObjectKeys.runSample(run.id(), step), SampleSheet.render(runner, samples), "image/png");
        LOG.infof("run %s checkpointed at step %d", run.id(), step);
    }

    private int register(TrainingRun run, Pix2PixTrainer trainer, PairedImageFolder folder, List<ImagePair> validation,
            DatasetView dataset, Path work, Device device) throws IOException {
        var spec = trainer.config().spec();
        EvaluationReport report = Evaluator.evaluate(new GeneratorRunner(trainer.generator(), spec, trainer.manager()),
                validation);
        Optional<ModelVersion> production = registry.aliasVersion(ModelAliases.PRODUCTION)
                .flatMap(registry::version);
        EvaluationReport productionReport = null;
        if (production.isPresent()) {
            productionReport = evaluateProduction(production.get(), validation, dataset, work, device);
        }
        DataSummary summary = folder.summary();
        DataSummary data = new DataSummary("dataset " + run.dataset(), summary.layout(), summary.trainingImages(),
                summary.validationImages(), summary.validationFraction(), summary.sketchExtractors());
        Path artifact = work.resolve("artifact");
        ModelArtifact.save(trainer.generator(), spec, trainer.config(), trainer.step(), data, report, artifact);
        Path zip = work.resolve("model.zip");
        ModelArtifact.zip(artifact, zip);
        int version = models.register(new NewVersion(zip, spec, trainer.config(), run.dataset(),
                new SplitSummary(dataset.validationFraction(), summary.trainingImages(), summary.validationImages(),
                        run.createdAt(), SplitSummary.RULE),
                ValidationMetrics.of(report, production.map(ModelVersion::version).orElse(null), productionReport),
                run.parentVersion(), run.id()));
        LOG.infof("run %s registered version %d: validation L1 %.4f", run.id(), version, report.model().l1());
        return version;
    }

    /** Production on the same validation images (re-read at its own size and inputs when its spec differs). */
    private EvaluationReport evaluateProduction(ModelVersion production, List<ImagePair> validation, DatasetView dataset, Path work, Device device) throws IOException {
        try (ModelArtifact artifact = ModelArtifact.load(models.download(production, work.resolve("production")),
                device)) {
            List<ImagePair> pairs = validation;
            int size = artifact.spec().imageSize();
            if (size != validation.get(0).size()
                    || artifact.spec().inputChannels() * size * size != validation.get(0).sketch().length) {
                pairs = new PairedImageFolder(work.resolve("images"), PairLayout.COLOR_ONLY, size,
                        dataset.validationFraction(), SketchMix.standard(), artifact.spec().takesHints()).validationPairs();
            }
            return Evaluator.evaluate(new GeneratorRunner(artifact.generator(), artifact.spec(), artifact.manager()),
                    pairs);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
