package dev.colorize.trainer.training;

import dev.colorize.ml.nn.NetworkSpec;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * POST /v1/admin/runs. Everything but the dataset is optional.
 * <ul>
 * <li>Version 1 (no {@code schemaVersion}): the paper's run: its network unless {@code spec}, batch 1, the
 * learning rate decaying over the second half, the configured steps and checkpoint interval, seed 1.</li>
 * <li>Version 2: also the settings of {@code train-colorizer} (network shape, schedule, batch, augmentations,
 * validation), with its defaults: the shipped model's run is the body of models/reproduce-default.sh's flags.</li>
 * </ul>
 */
@Schema(description = "A training run to queue. schemaVersion 2 takes the settings of train-colorizer; without it "
        + "(version 1) the v2 fields are refused and the paper's defaults apply.")
public record RunRequest(
        @Schema(description = "1 (default) or 2", enumeration = {"1", "2"}) Integer schemaVersion,
        @Schema(required = true, description = "dataset to train on") String dataset,
        @Schema(description = "length of the schedule (default: colorize.trainer.runs.default-steps)") Long steps,
        @Schema(description = "training-time budget across resumes; the run ends at its last step or this") Long timeBudgetSeconds,
        @Schema(description = "start from production's generator, on its network") Boolean fineTune,
        @Schema(description = "the whole network (v1 default: the paper's 256 px network); v2 may name "
                + "hints, imageSize, baseWidth, levels instead") NetworkSpec spec,
        @Schema(description = "Adam's learning rate (default 2e-4)") Float learningRate,
        @Schema(description = "seeds initialisation, batches and dropout (default 1)") Long seed,
        @Schema(description = "steps between checkpoints (default: colorize.trainer.runs.checkpoint-every)") Integer checkpointEvery,
        @Schema(description = "v2: steps of linear learning-rate decay at the end (default a third of steps)") Long decaySteps,
        @Schema(description = "v2: stop at this step, schedule unchanged (default: steps)") Long untilStep,
        @Schema(description = "v2: pairs per step (default 8)") Integer batchSize,
        @Schema(description = "v2: model resolution in px (default 128)") Integer imageSize,
        @Schema(description = "v2: filters of the first layer (default 32)") Integer baseWidth,
        @Schema(description = "v2: encoder levels (default 7)") Integer levels,
        @Schema(description = "v2: the generator takes color hints (default true)") Boolean hints,
        @Schema(description = "v2: line-style augmentations: all, none or names of thickness, gaps, jitter, "
                + "hatching, tint, scan (triplet datasets only)") List<String> augment,
        @Schema(description = "v2: each augmentation's probability (default 0.3)") Double augmentProbability,
        @Schema(description = "v2: smallest fill of the figure in its crop, 1 = off (default 1)") Double scaleMin,
        @Schema(description = "v2: simulated hints: dots (default, the shipped model's) or regions (dots and short "
                + "scribbles inside one region each, the loss weighing their regions; triplet datasets only)",
                enumeration = {"dots", "regions"}) String hintStyle,
        @Schema(description = "v2: wall-clock minutes between checkpoints besides checkpointEvery (default 0: off)") Double checkpointMinutes,
        @Schema(description = "v2: validation images evaluated at each checkpoint (default 150)") Integer validationLimit) {

    /** A version 1 request naming only the dataset, the steps, a time budget and whether to fine-tune. */
    public static RunRequest paperRun(String dataset, Long steps, Long timeBudgetSeconds, boolean fineTune) {
        return new RunRequest(null, dataset, steps, timeBudgetSeconds, fineTune, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    /** The options this request names, read by its version. */
    public RunOptions options(long defaultSteps) {
        int version = schemaVersion == null ? 1 : schemaVersion;
        if (version == 2) {
            return new RunOptions(spec, hints, imageSize, baseWidth, levels, steps, decaySteps, untilStep, batchSize,
                    learningRate, seed, augment, augmentProbability, scaleMin, hintStyle, timeBudgetSeconds,
                    checkpointEvery, checkpointMinutes, validationLimit, fineTune);
        }
        if (version != 1) {
            throw new IllegalArgumentException("schemaVersion is 1 or 2");
        }
        if (Stream.of(decaySteps, untilStep, batchSize, imageSize, baseWidth, levels, hints, augment, augmentProbability,
                scaleMin, hintStyle, checkpointMinutes, validationLimit).anyMatch(field -> field != null)) {
            throw new IllegalArgumentException("decaySteps, untilStep, batchSize, imageSize, baseWidth, levels, hints, "
                    + "augment, augmentProbability, scaleMin, hintStyle, checkpointMinutes and validationLimit need "
                    + "schemaVersion 2");
        }
        long totalSteps = steps == null ? defaultSteps : steps;
        return new RunOptions(spec == null ? NetworkSpec.paper() : spec, null, null, null, null, totalSteps,
                totalSteps / 2, null, 1, learningRate, seed, null, null, null, null, timeBudgetSeconds, checkpointEvery,
                null, null, fineTune);
    }
}
