package dev.colorize.ml.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.ml.data.OpenCvNative;
import java.util.Optional;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Each line-style change does what it says to a drawn circle (a 2 px outline and a stroke across it on
 * white) and leaves its flats (an orange disc) as they were.
 */
class LineStyleAugmentationsTest {

    private static final int SIZE = 128;
    private static Mat lines;
    private static Mat flats;

    @BeforeAll
    static void drawing() {
        OpenCvNative.ensureLoaded();
        lines = new Mat(SIZE, SIZE, CvType.CV_8UC1, new Scalar(255));
        Imgproc.circle(lines, new Point(64, 64), 40, new Scalar(0), 2);
        Imgproc.line(lines, new Point(30, 64), new Point(98, 64), new Scalar(0), 2);
        flats = new Mat(SIZE, SIZE, CvType.CV_8UC3, Scalar.all(255));
        Imgproc.circle(flats, new Point(64, 64), 40, new Scalar(40, 120, 220), -1);
    }

    @Test
    void strokeThicknessMakesInkThickerOrThinner() {
        boolean thicker = false;
        boolean thinner = false;
        for (int seed = 0; seed < 20; seed++) {
            int ink = ink(new StrokeThickness().apply(lines, new Random(seed)));
            thicker |= ink > ink(lines) * 1.3;
            thinner |= ink < ink(lines) * 0.7;
        }
        assertThat(thicker).isTrue();
        assertThat(thinner).isTrue();
    }

    @Test
    void brokenStrokesCutSmallGapsIntoTheInk() {
        Mat broken = new BrokenStrokes().apply(lines, new Random(1));
        assertThat(ink(broken)).isLessThan(ink(lines)).isGreaterThan((int) (ink(lines) * 0.8));
        assertThat(inkPieces(broken)).isGreaterThan(inkPieces(lines));
        assertThat(inkOutside(broken, lines, 0)).isZero();
    }

    @Test
    void jitterMovesInkByAtMostItsAmplitude() {
        Mat jittered = new Jitter(1.5).apply(lines, new Random(2));
        assertThat(difference(jittered, lines)).isGreaterThan(0);
        assertThat(ink(jittered)).isBetween((int) (ink(lines) * 0.8), (int) (ink(lines) * 1.2));
        assertThat(inkOutside(jittered, lines, 2)).isZero();
    }

    @Test
    void lightHatchingAddsLightStrokesAndKeepsTheInk() {
        Mat hatched = new LightHatching().apply(lines, new Random(3));
        Mat paper = paperMask(lines);
        Mat shaded = new Mat();
        Core.inRange(hatched, new Scalar(LightHatching.DARKEST - 1), new Scalar(250), shaded);
        Core.bitwise_and(shaded, paper, shaded);
        assertThat(Core.countNonZero(shaded)).as("hatched paper pixels").isGreaterThan(50);
        assertThat(inkOutside(hatched, lines, 0)).as("new ink").isZero();
        assertThat(ink(hatched)).isGreaterThanOrEqualTo(ink(lines));
    }

    @Test
    void paperTintGraysThePaperAndKeepsTheInk() {
        Mat tinted = new PaperTint().apply(lines, new Random(4));
        double paper = Core.mean(tinted, paperMask(lines)).val[0];
        assertThat(paper).isBetween(255 * PaperTint.DARKEST - 1, 255 * PaperTint.LIGHTEST + 1).isLessThan(250);
        assertThat(ink(tinted)).isEqualTo(ink(lines));
    }

    @Test
    void scanNoiseAddsGrainAndKeepsTheInkDark() {
        Mat scanned = new ScanNoise().apply(lines, new Random(5));
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble deviation = new MatOfDouble();
        Core.meanStdDev(scanned, mean, deviation, paperMask(lines));
        assertThat(deviation.get(0, 0)[0]).as("grain on the paper").isGreaterThan(1);
        assertThat(Math.abs(mean.get(0, 0)[0] - 255)).isLessThan(10);
        assertThat(ink(scanned)).isBetween((int) (ink(lines) * 0.85), (int) (ink(lines) * 1.15));
    }

    @Test
    void scaleVarietyShrinksLinesAndFlatsTogether() {
        for (int seed = 0; seed < 10; seed++) {
            Mat[] scaled = new ScaleVariety(0.2).apply(lines, flats, new Random(seed));
            assertThat(scaled[0].size()).isEqualTo(lines.size());
            Rect ink = box(inkMask(scaled[0]));
            Rect colored = box(coloredMask(scaled[1]));
            // the outline's outer edge is the disc's edge, at whatever scale and place
            assertThat(Math.abs(ink.x - colored.x)).isLessThanOrEqualTo(2);
            assertThat(Math.abs(ink.y - colored.y)).isLessThanOrEqualTo(2);
            assertThat(Math.abs(ink.width - colored.width)).isLessThanOrEqualTo(3);
            assertThat(ink.width).isBetween((int) (82 * 0.2) - 2, 84);
        }
    }

    @Test
    void lineStylesLeaveTheFlatsAsTheyWere() {
        TrainingAugmentation all = TrainingAugmentation.parse("all", 1, 1);
        Mat[] out = all.apply(lines, flats, new Random(6));
        assertThat(difference(out[1], flats)).isZero();
        assertThat(difference(out[0], lines)).isGreaterThan(0);
        assertThat(all.toString()).isEqualTo("thickness,gaps,jitter,hatching,tint,scan (each p 1.0)");
    }

    @Test
    void noAugmentationReturnsTheSampleUnchanged() {
        Mat[] out = TrainingAugmentation.NONE.apply(lines, flats, new Random(7));
        assertThat(difference(out[0], lines)).isZero();
        assertThat(difference(out[1], flats)).isZero();
        assertThat(new TrainingAugmentation(Map.of(), 0, Optional.empty()).toString()).isEqualTo("none");
    }

    @Test
    void unknownAugmentationsAreRefused() {
        assertThatThrownBy(() -> TrainingAugmentation.parse("thickness,smudge", 0.3, 1))
                .hasMessageContaining("smudge");
    }

    private static int ink(Mat gray) {
        return Core.countNonZero(inkMask(gray));
    }

    private static Mat inkMask(Mat gray) {
        Mat mask = new Mat();
        Imgproc.threshold(gray, mask, 127, 255, Imgproc.THRESH_BINARY_INV);
        return mask;
    }

    private static Mat paperMask(Mat gray) {
        Mat mask = new Mat();
        Imgproc.threshold(gray, mask, 254, 255, Imgproc.THRESH_BINARY);
        return mask;
    }

    private static Mat coloredMask(Mat bgr) {
        Mat mask = new Mat();
        Core.inRange(bgr, Scalar.all(0), new Scalar(250, 250, 250), mask);
        return mask;
    }

    /** Ink pixels of {@code changed} farther than {@code radius} px from the ink of {@code original}. */
    private static int inkOutside(Mat changed, Mat original, int radius) {
        Mat near = inkMask(original);
        if (radius > 0) {
            Imgproc.dilate(near, near, Imgproc.getStructuringElement(Imgproc.MORPH_RECT,
                    new org.opencv.core.Size(2 * radius + 1, 2 * radius + 1)));
        }
        Mat outside = new Mat();
        Core.bitwise_not(near, outside);
        Core.bitwise_and(outside, inkMask(changed), outside);
        return Core.countNonZero(outside);
    }

    private static int inkPieces(Mat gray) {
        return Imgproc.connectedComponents(inkMask(gray), new Mat()) - 1;
    }

    private static Rect box(Mat mask) {
        return Imgproc.boundingRect(mask);
    }

    private static double difference(Mat a, Mat b) {
        return Core.norm(a, b, Core.NORM_L1);
    }
}
