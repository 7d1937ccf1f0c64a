package dev.colorize.trainer.training;

import dev.colorize.platform.model.ModelAliases;
import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.infer.RegionMetricFit;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Carries one service run to its end: the dataset's snapshot, the {@link TrainingDriver} with the run's rows and
 * the object store as its {@link ServiceRunStore} (fine-tuning from production's generator), then evaluation
 * against the baselines and production on the validation split, and registration of the new version.
 */
@ApplicationScoped
public class RunTrainer {

    private static final Logger LOG = Logger.getLogger(RunTrainer.class);

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
            TrainingSettings settings = run.settings();
            DatasetView dataset = datasets.find(run.dataset())
                    .orElseThrow(() -> new IllegalStateException("dataset " + run.dataset() + " no longer exists"));
            snapshots.download(run.dataset(), run.createdAt(), work.resolve("images"));
            PairedImageFolder folder = new PairedImageFolder(work.resolve("images"), PairLayout.COLOR_ONLY,
                    settings.spec().imageSize(), dataset.validationFraction(), SketchMix.standard(),
                    settings.spec().takesHints());
            List<ImagePair> validation = folder.validationPairs();
            if (validation.isEmpty() || folder.trainingFiles().isEmpty()) {
                throw new IllegalStateException("dataset " + run.dataset() + " needs training and validation images (has "
                        + folder.trainingFiles().size() + " and " + validation.size() + ")");
            }
            RunStore runStore = new ServiceRunStore(run, runner, runs, checkpoints, store, config.runs().samples(), work);
            try (Pix2PixTrainer trainer = new TrainingDriver(device).train(settings, TrainingSource.colorImages(folder),
                    runStore, parentGenerator(run, work, device), stopping)) {
                return register(run, trainer, folder, validation, dataset, work, device);
            }
        } finally {
            Folders.delete(work);
        }
    }

    /** The production generator's weights a fine-tuning run starts from (not needed to resume). */
    private Optional<Path> parentGenerator(TrainingRun run, Path work, Device device) throws IOException {
        if (!run.settings().fineTune() || run.parentVersion() == null || run.checkpointKey() != null) {
            return Optional.empty();
        }
        ModelVersion parent = registry.version(run.parentVersion()).orElseThrow();
        Path weights = work.resolve("parent").resolve("generator.params");
        try (ModelArtifact artifact = ModelArtifact.load(models.download(parent, work.resolve("parent")), device)) {
            ParameterFile.save(artifact.generator(), weights);
        }
        LOG.infof("run %s fine-tunes version %d", run.id(), parent.version());
        return Optional.of(weights);
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
        config.regionMetric().dataset().ifPresent(chapters -> fitRegionMetric(run, artifact, chapters));
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

    /**
     * The artifact's region metric, fitted on {@code chapters}; a fit that fails leaves the model to the hand-set
     * scales rather than losing the run.
     */
    private static void fitRegionMetric(TrainingRun run, Path artifact, Path chapters) {
        try {
            RegionMetricFitter.Outcome outcome = RegionMetricFitter.fit(artifact, chapters,
                    RegionMetricFit.DEFAULT_WRONG_COST);
            outcome.fit().metric().write(artifact);
            LOG.infof("run %s: region metric fitted (%s); held-out chapters: %s", run.id(),
                    outcome.fit().metric().fittedOn(), outcome.heldOutLearned());
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "run %s: no region metric (fitting on %s failed); the model matches references by hand-set "
                    + "scales", run.id(), chapters);
        }
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
}
