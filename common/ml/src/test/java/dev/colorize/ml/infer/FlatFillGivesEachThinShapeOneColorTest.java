package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.OpenCvNative;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Thin shapes (legs, hair strands) have necks the trapped balls cannot pass, so they fall into pieces; the
 * network's mottled tints must not turn those pieces into streaks, and an ink line must still keep two shapes apart.
 */
class FlatFillGivesEachThinShapeOneColorTest {

    static final int SIZE = 1000;
    static final int TOP = 402;
    static final int BOTTOM = 900;
    /** Strip width off the ink; at the knee and the ankle the line bulges in and leaves a neck no ball passes. */
    static final int WIDTH = 8;
    static final int NECK = 3;
    static final int[] NECKS_AT = {560, 740};
    static final int INK = 2;
    /** Skin in three tints a few CIE76 units apart, in bands along the legs: the network's mottling (BGR). */
    static final int[][] SKIN_TINTS = {{160, 195, 240}, {145, 185, 235}, {170, 200, 232}};

    @Test
    void eachThinLegSplitAtItsNecksEndsOneColor() {
        OpenCvNative.ensureLoaded();
        Mat lines = new Mat(SIZE, SIZE, CvType.CV_8UC1, new Scalar(255));
        Imgproc.rectangle(lines, new Point(300, 100), new Point(700, 400), new Scalar(0), 3);
        int[] legs = {430, 570};
        for (int x : legs) {
            strip(lines, x, WIDTH);
        }
        Mat prediction = new Mat(SIZE, SIZE, CvType.CV_8UC3, new Scalar(245, 245, 245));
        prediction.submat(100, 400, 300, 700).setTo(new Scalar(180, 90, 40));
        for (int x : legs) {
            for (int y = TOP - 10; y < BOTTOM + 10; y += 40) {
                int[] tint = SKIN_TINTS[(y / 40) % SKIN_TINTS.length];
                prediction.submat(y, Math.min(y + 40, BOTTOM + 10), x - 12, x + 12)
                        .setTo(new Scalar(tint[0], tint[1], tint[2]));
            }
        }
        addNoise(prediction, 6);
        LineRegions segmented = new FlatFill().regions(lines);
        assertThat(labelsInside(segmented, lines, legs[0])).as("the balls split the leg at its necks").hasSizeGreaterThan(1);

        Mat flats = new FlatFill().fill(lines, prediction);

        for (int x : legs) {
            Set<Integer> colors = colorsInside(flats, lines, x);
            assertThat(colors).as("leg at x=%d", x).hasSize(1);
            int color = colors.iterator().next();
            assertThat(distance(color, SKIN_TINTS[0])).as("a skin tone").isLessThan(25);
        }
    }

    @Test
    void twoThinShapesSeparatedByAnInkLineKeepTheirOwnColors() {
        OpenCvNative.ensureLoaded();
        Mat lines = new Mat(SIZE, SIZE, CvType.CV_8UC1, new Scalar(255));
        // Two strips sharing one ink line; their tints are close enough to join if paper joined them.
        int left = 500 - (WIDTH / 2 + INK / 2);
        int right = 500 + (WIDTH / 2 + INK / 2);
        strip(lines, left, WIDTH);
        strip(lines, right, WIDTH);
        int[] leftTint = {150, 190, 240};
        int[] rightTint = {150, 200, 215};
        Mat prediction = new Mat(SIZE, SIZE, CvType.CV_8UC3, new Scalar(245, 245, 245));
        prediction.submat(TOP - 10, BOTTOM + 10, left - 12, 500).setTo(new Scalar(leftTint[0], leftTint[1], leftTint[2]));
        prediction.submat(TOP - 10, BOTTOM + 10, 500, right + 12).setTo(new Scalar(rightTint[0], rightTint[1], rightTint[2]));
        addNoise(prediction, 4);

        Mat flats = new FlatFill().fill(lines, prediction);

        Set<Integer> leftColors = colorsInside(flats, lines, left);
        Set<Integer> rightColors = colorsInside(flats, lines, right);
        assertThat(leftColors).hasSize(1);
        assertThat(rightColors).hasSize(1);
        int l = leftColors.iterator().next();
        int r = rightColors.iterator().next();
        assertThat(distance(l, leftTint)).isLessThan(distance(l, rightTint));
        assertThat(distance(r, rightTint)).isLessThan(distance(r, leftTint));
    }

    /** A closed vertical strip centered at {@code x}, {@code width} px of paper between its lines, necked twice. */
    static void strip(Mat lines, int x, int width) {
        int half = width / 2 + INK;
        lines.submat(TOP - INK, BOTTOM + INK, x - half, x + half).setTo(new Scalar(0));
        for (int y = TOP; y < BOTTOM; y++) {
            int w = isNeck(y) ? NECK : width;
            lines.submat(y, y + 1, x - w / 2, x - w / 2 + w).setTo(new Scalar(255));
        }
    }

    static boolean isNeck(int y) {
        for (int at : NECKS_AT) {
            if (y >= at && y < at + 6) {
                return true;
            }
        }
        return false;
    }

    static void addNoise(Mat prediction, double sigma) {
        Mat wide = new Mat();
        prediction.convertTo(wide, CvType.CV_16SC3);
        Mat noise = new Mat(prediction.size(), CvType.CV_16SC3);
        Core.setRNGSeed(11);
        Core.randn(noise, 0, sigma);
        Core.add(wide, noise, wide);
        wide.convertTo(prediction, CvType.CV_8UC3);
    }

    /** The labels of the paper pixels of the strip centered at {@code x}. */
    static Set<Integer> labelsInside(LineRegions regions, Mat lines, int x) {
        Set<Integer> labels = new TreeSet<>();
        forPaperInside(lines, x, (px, y) -> labels.add(regions.label(px, y)));
        return labels;
    }

    /** The packed BGR colors of {@code flats} over the paper pixels of the strip centered at {@code x}. */
    static Set<Integer> colorsInside(Mat flats, Mat lines, int x) {
        byte[] bgr = new byte[3 * SIZE * SIZE];
        flats.get(0, 0, bgr);
        Set<Integer> colors = new TreeSet<>();
        forPaperInside(lines, x, (px, y) -> {
            int i = 3 * (y * SIZE + px);
            colors.add((bgr[i] & 0xff) << 16 | (bgr[i + 1] & 0xff) << 8 | bgr[i + 2] & 0xff);
        });
        return colors;
    }

    interface PixelVisitor {
        void visit(int x, int y);
    }

    static void forPaperInside(Mat lines, int x, PixelVisitor visitor) {
        byte[] gray = new byte[SIZE * SIZE];
        lines.get(0, 0, gray);
        for (int y = TOP; y < BOTTOM; y++) {
            for (int px = x - WIDTH / 2; px < x + WIDTH / 2; px++) {
                if ((gray[y * SIZE + px] & 0xff) == 255) {
                    visitor.visit(px, y);
                }
            }
        }
    }

    /** Largest channel difference between packed BGR {@code color} and {@code bgr}. */
    static int distance(int color, int[] bgr) {
        return Math.max(Math.abs((color >> 16 & 0xff) - bgr[0]),
                Math.max(Math.abs((color >> 8 & 0xff) - bgr[1]), Math.abs((color & 0xff) - bgr[2])));
    }
}
