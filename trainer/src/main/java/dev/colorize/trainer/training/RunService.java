package dev.colorize.trainer.training;

import dev.colorize.platform.model.ModelAliases;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.trainer.config.TrainerConfig;
import dev.colorize.trainer.dataset.DatasetRepository;
import dev.colorize.trainer.dataset.DatasetView;
import dev.colorize.trainer.persistence.JsonColumns;
import dev.colorize.trainer.registry.ModelVersion;
import dev.colorize.trainer.registry.RegistryRepository;
import dev.colorize.platform.errors.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Queues runs (on demand or by the schedule) after checking their dataset and parent model. */
@ApplicationScoped
public class RunService {

    public static final String MANUAL = "manual";
    public static final String SCHEDULE = "schedule";

    private final TrainerConfig config;
    private final RunRepository runs;
    private final DatasetRepository datasets;
    private final RegistryRepository registry;
    private final RunExecutor executor;
    private final JsonColumns json;

    public RunService(TrainerConfig config, RunRepository runs, DatasetRepository datasets,
            RegistryRepository registry, RunExecutor executor, JsonColumns json) {
        this.json = json;
        this.config = config;
        this.runs = runs;
        this.datasets = datasets;
        this.registry = registry;
        this.executor = executor;
    }

    public TrainingRun request(RunRequest request, String trigger, String requestedBy) {
        return request(UUID.randomUUID(), request, trigger, requestedBy);
    }

    /** Queues the run under {@code id}; a second request with the same id queues nothing more. */
    public TrainingRun request(UUID id, RunRequest request, String trigger, String requestedBy) {
        if (request == null || request.dataset() == null) {
            throw Refused.invalid("dataset-required", "Name the dataset to train on");
        }
        DatasetView dataset = datasets.find(request.dataset())
                .orElseThrow(() -> Refused.notFound("Dataset " + request.dataset()));
        if (dataset.trainingImages() == 0 || dataset.validationImages() == 0) {
            throw Refused.conflict("dataset-too-small", "Dataset " + dataset.name()
                    + " needs training and validation images (has " + dataset.trainingImages() + " and "
                    + dataset.validationImages() + ")");
        }
        TrainingSettings settings;
        try {
            settings = request.options(config.runs().defaultSteps())
                    .settings(new RunOptions.Defaults(config.runs().defaultSteps(), config.runs().checkpointEvery(), 0));
        } catch (IllegalArgumentException e) {
            throw Refused.invalid("invalid-run", e.getMessage());
        }
        if (settings.augmentations().any()) {
            // the registry's datasets are color images whose line art is extracted, not drawn: nothing to vary
            throw Refused.invalid("invalid-run", "augmentations and regions hints apply to triplet datasets "
                    + "(train-colorizer), not to the registry's color images");
        }
        Integer parent = null;
        if (settings.fineTune()) {
            ModelVersion production = registry.aliasVersion(ModelAliases.PRODUCTION).flatMap(registry::version)
                    .orElseThrow(() -> Refused.conflict("no-production-model",
                            "Fine-tuning starts from the production version, and there is none"));
            parent = production.version();
            // the parent's architecture, whatever the request said: its weights must fit
            settings = settings.withSpec(json.read(production.spec().toString(), NetworkSpec.class));
        }
        runs.insert(id, trigger, requestedBy, dataset.name(), settings, parent);
        executor.trigger();
        return runs.find(id).orElseThrow();
    }

}
