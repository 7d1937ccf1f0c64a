package dev.colorize.trainer.cli;

import dev.colorize.ml.artifact.RegionMetricFile;
import dev.colorize.ml.infer.RegionMetricFit;
import dev.colorize.trainer.training.RegionMetricFitter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code fit-region-metric MODEL DATASET [--wrong-cost C] [--dry-run]}: fits the model's {@link RegionMetricFile region
 * metric} (how the reference matcher tells one part of a character from another) on the dataset's training chapters,
 * the same characters redrawn as evaluate-references composes from the held-out ones ({@link RegionMetricFitter}),
 * prints how pages follow a reference with it and with the hand-set scales on both splits, and writes it into MODEL (a
 * folder) unless {@code --dry-run}. {@code --wrong-cost}: what a wrong follow costs against a right one when the
 * thresholds are chosen (lower follows more).
 */
final class FitRegionMetric {

    private FitRegionMetric() {}

    static int run(String[] args) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("--wrong-cost"), Set.of("--dry-run"));
        Path model = Path.of(line.positional(0, "MODEL artifact folder"));
        Path dataset = Path.of(line.positional(1, "DATASET folder (from import-openmoji)"));
        double wrongCost = Double.parseDouble(line.get("--wrong-cost", String.valueOf(RegionMetricFit.DEFAULT_WRONG_COST)));
        RegionMetricFitter.Outcome outcome = RegionMetricFitter.fit(model, dataset, wrongCost);
        RegionMetricFit.Fit fit = outcome.fit();
        System.out.println("fitted: " + fit.metric().fittedOn() + ", max distance " + fit.metric().maxDistance()
                + ", ratio " + fit.metric().ratio());
        System.out.println("training chapters,   hand-set: " + fit.handSet());
        System.out.println("training chapters,   learned:  " + fit.learned());
        System.out.println("validation chapters, hand-set: " + outcome.heldOutHandSet());
        System.out.println("validation chapters, learned:  " + outcome.heldOutLearned());
        if (!line.has("--dry-run")) {
            fit.metric().write(model);
            System.out.println("wrote " + model.resolve(RegionMetricFile.FILE));
        }
        return 0;
    }
}
