package dev.colorize.trainer.training;

import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.artifact.RegionMetricFile;
import dev.colorize.ml.data.TripletFolder;
import dev.colorize.ml.data.TripletFolder.Triplet;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.ml.infer.ReferenceArt;
import dev.colorize.ml.infer.RegionMetricFit;
import dev.colorize.platform.hashing.Sha256;
import dev.colorize.trainer.dataset.openmoji.RecurringCharacters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * Fits a model artifact folder's {@link RegionMetricFile region metric} on an import-openmoji folder's training chapters
 * ({@link RecurringCharacters}) and scores it on its held-out ones: for the {@code fit-region-metric} command and for
 * the models runs register.
 */
public final class RegionMetricFitter {

    /** The fit, and how pages of the held-out chapters follow their reference by the hand-set and the fitted metric. */
    public record Outcome(RegionMetricFit.Fit fit, RegionMetricFit.Score heldOutHandSet,
            RegionMetricFit.Score heldOutLearned) {}

    private RegionMetricFitter() {}

    /** Fits {@code model}'s metric (any metric it had is set aside: the fit reads the model's features alone). */
    public static Outcome fit(Path model, Path dataset, double wrongCost) throws IOException {
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("MODEL must be an artifact folder (unzip a zipped one first): " + model);
        }
        TripletFolder folder = new TripletFolder(dataset, 0, false);
        String weightsSha256 = Sha256.hex(model.resolve(ModelArtifact.WEIGHTS));
        Files.deleteIfExists(model.resolve(RegionMetricFile.FILE));
        try (Colorizer colorizer = Colorizer.load(model, ColorizerOptions.defaults())) {
            List<List<ReferenceArt>> train = described(colorizer, folder.drawings("train"));
            List<List<ReferenceArt>> heldOut = described(colorizer, folder.drawings("validation"));
            if (train.isEmpty()) {
                throw new IllegalArgumentException(dataset + " has no training chapters: it needs drawings of one "
                        + "person in several activities (an OpenMoji import)");
            }
            RegionMetricFit.Fit fit = RegionMetricFit.fit(train, weightsSha256, dataset.getFileName()
                    + " training chapters (" + train.size() + ")", wrongCost);
            return new Outcome(fit, RegionMetricFit.score(heldOut, null), RegionMetricFit.score(heldOut, fit.metric()));
        }
    }

    /**
     * Each chapter's drawings described with their true colors (the first as a reference, the others as pages), the
     * chapters of at least three drawings.
     */
    private static List<List<ReferenceArt>> described(Colorizer colorizer, List<Triplet> drawings) {
        List<List<ReferenceArt>> chapters = new ArrayList<>();
        for (List<Triplet> chapter : RecurringCharacters.chapters(drawings).values()) {
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
