package dev.colorize.trainer.cli;

import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.artifact.RegionMetricFile;
import dev.colorize.ml.data.TripletFolder;
import dev.colorize.ml.data.TripletFolder.Triplet;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.ml.infer.ReferenceArt;
import dev.colorize.ml.infer.RegionMetricFit;
import dev.colorize.ml.infer.RegionMetricFit.Fit;
import dev.colorize.platform.hashing.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opencv.core.Mat;

/**
 * {@code fit-region-metric MODEL DATASET [--wrong-cost C] [--dry-run]}: fits the model's {@link RegionMetricFile region metric} (how
 * the reference matcher and the chapter vote tell one part of a character from another) on the dataset's training
 * chapters, {@link EvaluateReferences#chapters the same characters redrawn} as evaluate-references composes from the
 * held-out ones, prints how pages follow a reference with it and with the hand-set scales on both splits, and writes
 * it into MODEL (a folder) unless {@code --dry-run}. {@code --wrong-cost}: what a wrong follow costs against a right one
 * when the thresholds are chosen (lower follows more).
 */
final class FitRegionMetric {

    private FitRegionMetric() {}

    static int run(String[] args) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("--wrong-cost"), Set.of("--dry-run"));
        Path model = Path.of(line.positional(0, "MODEL artifact folder"));
        Path dataset = Path.of(line.positional(1, "DATASET folder (from import-openmoji)"));
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("MODEL must be an artifact folder (unzip a zipped one first): " + model);
        }
        double wrongCost = Double.parseDouble(line.get("--wrong-cost", String.valueOf(RegionMetricFit.DEFAULT_WRONG_COST)));
        TripletFolder folder = new TripletFolder(dataset, 0, false);
        String weightsSha256 = Sha256.hex(model.resolve(ModelArtifact.WEIGHTS));
        Files.deleteIfExists(model.resolve(RegionMetricFile.FILE)); // fitted on the model's features alone
        try (Colorizer colorizer = Colorizer.load(model, ColorizerOptions.defaults())) {
            List<List<ReferenceArt>> train = described(colorizer, folder.drawings("train"));
            List<List<ReferenceArt>> validation = described(colorizer, folder.drawings("validation"));
            if (train.isEmpty()) {
                throw new IllegalArgumentException(dataset + " has no training chapters: it needs drawings of one "
                        + "person in several activities (an OpenMoji import)");
            }
            Fit fit = RegionMetricFit.fit(train, weightsSha256, dataset.getFileName() + " training chapters ("
                    + train.size() + ")", wrongCost);
            System.out.println("fitted: " + fit.metric().fittedOn() + ", max distance " + fit.metric().maxDistance()
                    + ", ratio " + fit.metric().ratio());
            System.out.println("training chapters,   hand-set: " + fit.handSet());
            System.out.println("training chapters,   learned:  " + fit.learned());
            System.out.println("validation chapters, hand-set: " + RegionMetricFit.score(validation, null));
            System.out.println("validation chapters, learned:  " + RegionMetricFit.score(validation, fit.metric()));
            if (!line.has("--dry-run")) {
                fit.metric().write(model);
                System.out.println("wrote " + model.resolve(RegionMetricFile.FILE));
            }
        }
        return 0;
    }

    /**
     * Each chapter's drawings described with their true colors (the first as a reference, the others as pages), the
     * chapters of at least three drawings.
     */
    private static List<List<ReferenceArt>> described(Colorizer colorizer, List<Triplet> drawings) throws IOException {
        List<List<ReferenceArt>> chapters = new ArrayList<>();
        for (List<Triplet> chapter : EvaluateReferences.chapters(drawings).values()) {
            if (chapter.size() < 3) {
                continue;
            }
            List<ReferenceArt> arts = new ArrayList<>();
            for (Triplet t : chapter) {
                Mat color = t.readColor();
                Mat lines = t.readLines();
                // the first drawing is the chapter's reference, the others its pages
                arts.add(arts.isEmpty() ? colorizer.describeReference(color, lines) : colorizer.describeAsPage(color, lines));
                color.release();
                lines.release();
            }
            chapters.add(arts);
        }
        return chapters;
    }
}
