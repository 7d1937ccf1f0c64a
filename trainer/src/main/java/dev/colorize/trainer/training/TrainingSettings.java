package dev.colorize.trainer.training;

import dev.colorize.ml.data.HintLayer;
import dev.colorize.ml.data.augment.TrainingAugmentation;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything a run needs, whoever starts it ({@code train-colorizer}, the admin API or console, the schedule);
 * {@link TrainingDriver} runs it. Stored as training_runs.config (version {@value #VERSION}; rows of version 1,
 * before the schedule, batch and augmentations were settings, read as what they meant: see RunRepository).
 *
 * @param steps planned length of the schedule; the learning rate decays over its last {@code decaySteps}
 * @param untilStep the step the run stops at, schedule unchanged (the shipped model stopped at 4138 of 5000)
 * @param timeBudgetSeconds null: none. Training time only (checkpoints and evaluation do not count), across
 *     resumes where the store keeps it (a service run), of one invocation for a folder run
 * @param checkpointEvery steps between checkpoints (0: by the clock only)
 * @param checkpointMinutes wall-clock minutes between checkpoints (0: by steps only)
 * @param validationLimit validation images each checkpoint is evaluated on (best model by their L1)
 * @param fineTune start from the production generator (service runs; the spec is then production's)
 */
public record TrainingSettings(
        int version,
        NetworkSpec spec,
        long steps,
        long decaySteps,
        long untilStep,
        int batchSize,
        float learningRate,
        long seed,
        Augmentations augmentations,
        Long timeBudgetSeconds,
        int checkpointEvery,
        double checkpointMinutes,
        int validationLimit,
        boolean fineTune) {

    public static final int VERSION = 2;

    public TrainingSettings {
        require(steps >= 1, "steps must be positive");
        require(decaySteps >= 0 && decaySteps <= steps, "decaySteps must be within [0, steps]");
        require(untilStep >= 1, "untilStep must be positive");
        require(batchSize >= 1, "batchSize must be positive");
        require(learningRate > 0, "learningRate must be positive");
        require(timeBudgetSeconds == null || timeBudgetSeconds >= 1, "timeBudgetSeconds must be positive");
        require(checkpointEvery >= 0 && checkpointMinutes >= 0 && (checkpointEvery > 0 || checkpointMinutes > 0),
                "a run checkpoints every checkpointEvery steps or checkpointMinutes minutes (positive)");
        require(validationLimit >= 1, "validationLimit must be positive");
    }

    /**
     * How training samples are varied: the line-style augmentations of {@link TrainingAugmentation}, by name, the
     * figure's smallest fill, and how hints are simulated ({@link HintLayer.Style}: dots or regions; null, as rows
     * stored before it: dots).
     */
    public record Augmentations(List<String> styles, double probability, double scaleMin, String hintStyle) {

        public static final Augmentations NONE = new Augmentations(List.of(), 0.3, 1, "dots");

        /** {@code all} stands for every style and {@code none} for no style, as on the command line. */
        public Augmentations {
            List<String> named = new ArrayList<>();
            for (String style : styles) {
                switch (style.strip()) {
                    case "all" -> named.addAll(TrainingAugmentation.names());
                    case "none", "" -> { }
                    default -> named.add(style.strip());
                }
            }
            // in the order they are applied, so the same choice reads the same however it was written
            styles = TrainingAugmentation.names().stream().filter(named::contains).toList();
            named.removeAll(TrainingAugmentation.names());
            require(named.isEmpty(), "unknown augmentation " + named + ", known: " + TrainingAugmentation.names());
            require(probability >= 0 && probability <= 1, "augmentProbability must lie in [0, 1]");
            require(scaleMin > 0 && scaleMin <= 1, "scaleMin must lie in (0, 1]");
            hintStyle = HintLayer.Style.parse(hintStyle == null ? "dots" : hintStyle).name().toLowerCase(Locale.ROOT);
        }

        /** Whether samples need triplets (true line art and flats) rather than color images. */
        public boolean any() {
            return !styles.isEmpty() || scaleMin < 1 || hints() == HintLayer.Style.REGIONS;
        }

        public HintLayer.Style hints() {
            return HintLayer.Style.parse(hintStyle);
        }

        public TrainingAugmentation build() {
            return TrainingAugmentation.parse(styles.isEmpty() ? "none" : String.join(",", styles), probability, scaleMin);
        }
    }

    public TrainingConfig trainingConfig() {
        return TrainingConfig.paper(spec, steps, seed).withLearningRate(learningRate).withBatchSize(batchSize)
                .withSchedule(steps, decaySteps);
    }

    /** Where the run ends: its stop step, or the schedule's end when that comes first. */
    public long lastStep() {
        return Math.min(untilStep, steps);
    }

    /** The same run on another network (fine-tuning takes the parent's). */
    public TrainingSettings withSpec(NetworkSpec other) {
        return new TrainingSettings(version, other, steps, decaySteps, untilStep, batchSize, learningRate, seed,
                augmentations, timeBudgetSeconds, checkpointEvery, checkpointMinutes, validationLimit, fineTune);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
