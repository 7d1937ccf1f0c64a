package dev.colorize.trainer.training;

import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.train.TrainingConfig;
import java.util.List;
import java.util.Optional;

/**
 * What a run is asked for, every part optional: the flags of {@code train-colorizer} and the fields of
 * {@code POST /v1/admin/runs} (version 2) read into this one record, so the same inputs make the same
 * {@link TrainingSettings}. The network is either {@code spec} whole or the paper's shape at
 * {@code hints}, {@code imageSize}, {@code baseWidth}, {@code levels}.
 */
public record RunOptions(
        NetworkSpec spec,
        Boolean hints,
        Integer imageSize,
        Integer baseWidth,
        Integer levels,
        Long steps,
        Long decaySteps,
        Long untilStep,
        Integer batchSize,
        Float learningRate,
        Long seed,
        List<String> augment,
        Double augmentProbability,
        Double scaleMin,
        String hintStyle,
        Long timeBudgetSeconds,
        Integer checkpointEvery,
        Double checkpointMinutes,
        Integer validationLimit,
        Boolean fineTune) {

    /** What each front end decides itself: a folder run checkpoints by the clock, a service run by steps. */
    public record Defaults(long steps, int checkpointEvery, double checkpointMinutes) {}

    /**
     * The settings, the rest filled in with the shipped model's choices (the CPU network with hints, batch 8,
     * decay over the last third, seed 1, the paper's learning rate, no augmentation) and {@code defaults}.
     */
    public TrainingSettings settings(Defaults defaults) {
        long totalSteps = or(steps, defaults.steps());
        TrainingSettings.Augmentations none = TrainingSettings.Augmentations.NONE;
        return new TrainingSettings(TrainingSettings.VERSION, network(), totalSteps, or(decaySteps, totalSteps / 3),
                or(untilStep, totalSteps), or(batchSize, 8), or(learningRate, TrainingConfig.PAPER_LEARNING_RATE),
                or(seed, 1L), new TrainingSettings.Augmentations(or(augment, none.styles()),
                        or(augmentProbability, none.probability()), or(scaleMin, none.scaleMin()),
                        or(hintStyle, none.hintStyle())),
                timeBudgetSeconds, or(checkpointEvery, defaults.checkpointEvery()),
                or(checkpointMinutes, defaults.checkpointMinutes()), or(validationLimit, 150), or(fineTune, false));
    }

    private NetworkSpec network() {
        if (spec != null) {
            if (hints != null || imageSize != null || baseWidth != null || levels != null) {
                throw new IllegalArgumentException("name the network by spec or by hints, imageSize, baseWidth and "
                        + "levels, not both");
            }
            return spec;
        }
        NetworkSpec cpu = NetworkSpec.cpuHinted();
        return NetworkSpec.paperShape(or(hints, cpu.takesHints()), or(baseWidth, cpu.baseWidth()),
                or(levels, cpu.levels()), or(imageSize, cpu.imageSize()));
    }

    private static <T> T or(T value, T fallback) {
        return Optional.ofNullable(value).orElse(fallback);
    }
}
