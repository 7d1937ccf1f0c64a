package dev.colorize.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.sketch.SketchMix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class PairedImageFolderTest {

    private static void writePng(Path file, Mat image) throws Exception {
        Files.write(file, ImageCodec.encodePng(image));
    }

    private static Mat scene(int width, int height, int seed) {
        Mat image = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.circle(image, new Point(width / 2.0, height / 2.0), Math.min(width, height) / 4 + seed % 5,
                new Scalar(40 * (seed % 6), 90, 200), -1);
        return image;
    }

    @Test
    void splitByContentHashIsStableWhenImagesAreAdded(@TempDir Path dir) throws Exception {
        OpenCvNative.ensureLoaded();
        for (int i = 0; i < 30; i++) {
            writePng(dir.resolve("img" + i + ".png"), scene(40 + i, 50, i));
        }
        PairedImageFolder before = new PairedImageFolder(dir, PairLayout.COLOR_ONLY, 64, 0.3, SketchMix.standard());
        for (int i = 30; i < 45; i++) {
            writePng(dir.resolve("a-new" + i + ".png"), scene(40 + i, 50, i));
        }
        PairedImageFolder after = new PairedImageFolder(dir, PairLayout.COLOR_ONLY, 64, 0.3, SketchMix.standard());

        assertThat(before.validationFiles()).isNotEmpty();
        assertThat(before.trainingFiles()).isNotEmpty();
        assertThat(after.validationFiles()).containsAll(before.validationFiles());
        assertThat(after.trainingFiles()).containsAll(before.trainingFiles());
        assertThat(after.summary().trainingImages() + after.summary().validationImages()).isEqualTo(45);
    }

    @Test
    void pairsAreModelSizedInMinusOneToOneWithAspectKeptAndAlphaOnWhite(@TempDir Path dir) throws Exception {
        OpenCvNative.ensureLoaded();
        // A wide, half-transparent red image: letterboxed, never stretched; transparent pixels turn white.
        Mat rgba = new Mat(32, 128, CvType.CV_8UC4, new Scalar(0, 0, 255, 255));
        rgba.submat(new Rect(0, 0, 64, 32)).setTo(new Scalar(0, 0, 255, 0));
        writePng(dir.resolve("wide.png"), rgba);
        PairedImageFolder folder = new PairedImageFolder(dir, PairLayout.COLOR_ONLY, 64, 0.0, SketchMix.standard());

        ImagePair pair = folder.trainingData().sample(new Random(1));
        assertThat(pair.size()).isEqualTo(64);
        assertThat(pair.sketch()).hasSize(64 * 64);
        assertThat(pair.color()).hasSize(3 * 64 * 64);
        for (float v : pair.color()) {
            assertThat(v).isBetween(-1f, 1f);
        }
        ImagePair plain = folder.pairFrom(ImageCodec.decodeBgr(Files.readAllBytes(dir.resolve("wide.png"))),
                new Random(1), false);
        int p = 64 * 64;
        // row 2 is padding (the image is 16 rows tall at 64 wide), the centre row is image
        assertThat(plain.color()[2 * 64 + 10]).isEqualTo(1f);
        assertThat(plain.color()[32 * 64 + 10]).as("transparent left half is white").isEqualTo(1f);
        assertThat(plain.color()[32 * 64 + 50]).as("red right half: R").isEqualTo(1f);
        assertThat(plain.color()[p + 32 * 64 + 50]).as("red right half: G").isEqualTo(-1f);
    }

    @Test
    void sideBySideImagesGiveTheLeftHalfAsSketch(@TempDir Path dir) throws Exception {
        OpenCvNative.ensureLoaded();
        Mat pairImage = new Mat(64, 128, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.line(pairImage, new Point(10, 32), new Point(54, 32), new Scalar(0, 0, 0), 3);
        pairImage.submat(new Rect(64, 0, 64, 64)).setTo(new Scalar(255, 0, 0));
        writePng(dir.resolve("pair.png"), pairImage);
        PairedImageFolder folder =
                new PairedImageFolder(dir, PairLayout.SKETCH_LEFT_COLOR_RIGHT, 64, 0.0, SketchMix.standard());

        ImagePair pair = folder.pairFrom(ImageCodec.decodeBgr(Files.readAllBytes(dir.resolve("pair.png"))),
                new Random(0), false);
        assertThat(pair.sketch()[32 * 64 + 30]).isEqualTo(-1f);
        assertThat(pair.sketch()[10 * 64 + 30]).isEqualTo(1f);
        assertThat(pair.color()[2 * 64 * 64 + 10 * 64 + 30]).as("blue plane").isEqualTo(1f);
        assertThat(pair.color()[10 * 64 + 30]).as("red plane").isEqualTo(-1f);
        List<ImagePair> validation = folder.validationPairs();
        assertThat(validation).isEmpty();
    }
}
