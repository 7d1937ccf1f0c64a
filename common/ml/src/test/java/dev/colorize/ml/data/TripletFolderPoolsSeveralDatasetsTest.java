package dev.colorize.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.augment.TrainingAugmentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** Training on several sources: triplet datasets pooled, validation taken from each alike. */
class TripletFolderPoolsSeveralDatasetsTest {

    @TempDir
    Path dir;

    @Test
    void drawingsOfEveryDatasetArePooledAndValidationIsSpreadOverThem() throws Exception {
        OpenCvNative.ensureLoaded();
        Path first = dataset("openmoji", 3, 4);
        Path second = dataset("fluent", 2, 4);
        TripletFolder folder = new TripletFolder(List.of(first, second), 16, true, TrainingAugmentation.NONE,
                HintLayer.Style.DOTS);

        assertThat(folder.drawings("train")).hasSize(5);
        assertThat(folder.drawings("validation")).hasSize(8);
        // 4 pairs of 8: two from each dataset (the first dataset's are mid gray, the second's dark)
        List<ImagePair> validation = folder.validationPairs(4);
        assertThat(validation).hasSize(4);
        assertThat(validation.stream().map(p -> Math.round(p.sketch()[0] * 10)).toList())
                .containsExactly(0, 0, -5, -5);
        assertThat(folder.trainingData().sample(new Random(1)).size()).isEqualTo(16);
        assertThat(folder.summary().trainingImages()).isEqualTo(5);
    }

    @Test
    void withRegionHintsATrainingSampleWeighsItsHintedRegionsInTheLoss() throws Exception {
        OpenCvNative.ensureLoaded();
        TripletFolder folder = new TripletFolder(List.of(dataset("openmoji", 3, 1)), 16, true,
                TrainingAugmentation.NONE, HintLayer.Style.REGIONS);
        Random random = new Random(3);
        int hinted = 0;
        for (int i = 0; i < 20; i++) {
            ImagePair pair = folder.trainingData().sample(random);
            float[] maskPlane = java.util.Arrays.copyOfRange(pair.sketch(), 4 * 256, 5 * 256); // after lines and RGB
            boolean anyHint = false;
            for (float m : maskPlane) {
                anyHint |= m > 0;
            }
            // one flat color fills the drawing: a hint makes all of it count more, no hint leaves it at 1
            float expected = anyHint ? TripletFolder.HINTED_REGION_WEIGHT : 1f;
            for (float w : pair.lossWeights()) {
                assertThat(w).isEqualTo(expected);
            }
            hinted += anyHint ? 1 : 0;
        }
        assertThat(hinted).isBetween(3, 17);
        // the shipped model's dots leave the loss unweighted
        TripletFolder dots = new TripletFolder(List.of(dir.resolve("openmoji")), 16, true, TrainingAugmentation.NONE,
                HintLayer.Style.DOTS);
        assertThat(dots.trainingData().sample(new Random(3)).lossWeights()).isNull();
    }

    /** A dataset whose line images are one gray: 128 for openmoji, 64 for fluent. */
    private Path dataset(String name, int train, int validation) throws Exception {
        Path root = dir.resolve(name);
        double gray = name.equals("openmoji") ? 127.5 : 63.75;
        for (String split : List.of("train", "validation")) {
            Path folder = Files.createDirectories(root.resolve("drawings").resolve(split));
            for (int i = 0; i < (split.equals("train") ? train : validation); i++) {
                Imgcodecs.imwrite(folder.resolve(i + ".lines.png").toString(),
                        new Mat(16, 16, CvType.CV_8UC1, new Scalar(gray)));
                Mat color = new Mat(16, 16, CvType.CV_8UC3, new Scalar(40, 120, 200));
                Imgcodecs.imwrite(folder.resolve(i + ".flats.png").toString(), color);
                Imgcodecs.imwrite(folder.resolve(i + ".color.png").toString(), color);
            }
        }
        return root;
    }
}
