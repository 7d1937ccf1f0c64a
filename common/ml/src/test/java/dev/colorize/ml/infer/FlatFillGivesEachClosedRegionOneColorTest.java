package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.OpenCvNative;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class FlatFillGivesEachClosedRegionOneColorTest {

    static final int SIZE = 1000;
    /** Per-channel difference allowed between a filled region and its true flat color. */
    static final int TOLERANCE = 6;

    static final Scalar TOP = new Scalar(230, 220, 200);
    static final Scalar BOTTOM = new Scalar(90, 160, 90);
    static final Scalar BOX = new Scalar(40, 40, 200);
    static final Scalar DISC = new Scalar(200, 120, 40);
    static final Scalar RING = new Scalar(60, 200, 230);
    static final Scalar CORE = new Scalar(150, 60, 150);
    static final Scalar[] FLATS = {TOP, BOTTOM, BOX, DISC, RING, CORE};
    /** A point inside each flat, in the order of FLATS. */
    static final Point[] SEEDS = {
        new Point(20, 20), new Point(20, 980), new Point(250, 240), new Point(650, 260), new Point(500, 640), new Point(500, 760)
    };

    /** The shapes: outlines (thickness > 0) on the line art, or filled (thickness -1) on the flats. */
    static void shapes(Mat image, int thickness, boolean flats) {
        if (flats) {
            image.rowRange(0, 500).setTo(TOP);
            image.rowRange(500, SIZE).setTo(BOTTOM);
        } else {
            Imgproc.line(image, new Point(0, 500), new Point(SIZE - 1, 500), new Scalar(0), thickness, Imgproc.LINE_8);
        }
        Imgproc.rectangle(image, new Point(100, 100), new Point(400, 380), flats ? BOX : new Scalar(0), thickness, Imgproc.LINE_8);
        Imgproc.circle(image, new Point(650, 260), 150, flats ? DISC : new Scalar(0), thickness, Imgproc.LINE_8);
        Imgproc.circle(image, new Point(500, 760), 180, flats ? RING : new Scalar(0), thickness, Imgproc.LINE_8);
        Imgproc.circle(image, new Point(500, 760), 70, flats ? CORE : new Scalar(0), thickness, Imgproc.LINE_8);
    }

    static Mat lineArt() {
        OpenCvNative.ensureLoaded();
        Mat lines = new Mat(SIZE, SIZE, CvType.CV_8UC1, new Scalar(255));
        shapes(lines, 3, false);
        return lines;
    }

    static Mat trueFlats() {
        OpenCvNative.ensureLoaded();
        Mat flats = new Mat(SIZE, SIZE, CvType.CV_8UC3);
        shapes(flats, -1, true);
        return flats;
    }

    /** The true flats blurred across the lines, plus Gaussian noise: what a generator gives. */
    static Mat bleedingPrediction(Mat flats, double blurSigma, double noiseSigma, long seed) {
        Mat blurred = new Mat();
        Imgproc.GaussianBlur(flats, blurred, new Size(0, 0), blurSigma);
        Mat wide = new Mat();
        blurred.convertTo(wide, CvType.CV_16SC3);
        Mat noise = new Mat(flats.size(), CvType.CV_16SC3);
        Core.setRNGSeed((int) seed);
        Core.randn(noise, 0, noiseSigma);
        Core.add(wide, noise, wide);
        Mat prediction = new Mat();
        wide.convertTo(prediction, CvType.CV_8UC3);
        return prediction;
    }

    static int[] bgr(Scalar s) {
        return new int[] {(int) s.val[0], (int) s.val[1], (int) s.val[2]};
    }

    static boolean near(byte[] image, int i, int[] color, int tolerance) {
        for (int c = 0; c < 3; c++) {
            if (Math.abs((image[3 * i + c] & 0xff) - color[c]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyRegionOffTheLinesTakesItsTrueFlatColorAndNothingBleedsAcrossALine() {
        Mat lines = lineArt();
        Mat prediction = bleedingPrediction(trueFlats(), 2, 8, 42);
        Mat before = prediction.clone();

        Mat filled = new FlatFill().fill(lines, prediction);

        assertThat(filled.size()).isEqualTo(lines.size());
        assertThat(filled.type()).isEqualTo(CvType.CV_8UC3);
        assertThat(Core.norm(prediction, before, Core.NORM_INF)).as("prediction untouched").isZero();

        // The closed regions of the drawn line art (no gap closing), each with its expected color.
        Mat off = new Mat();
        Imgproc.threshold(lines, off, 159, 255, Imgproc.THRESH_BINARY);
        Mat truthLabels = new Mat();
        int count = Imgproc.connectedComponents(off, truthLabels, 4, CvType.CV_32S);
        assertThat(count).as("6 regions + lines").isEqualTo(FLATS.length + 1);
        int[] labels = new int[SIZE * SIZE];
        truthLabels.get(0, 0, labels);
        int[][] expected = new int[count][];
        for (int f = 0; f < FLATS.length; f++) {
            expected[labels[(int) SEEDS[f].y * SIZE + (int) SEEDS[f].x]] = bgr(FLATS[f]);
        }

        byte[] out = new byte[3 * SIZE * SIZE];
        filled.get(0, 0, out);
        List<String> wrong = new ArrayList<>();
        int linePixels = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                if (!near(out, i, expected[labels[i]], TOLERANCE) && wrong.size() < 10) {
                    wrong.add("(" + i % SIZE + "," + i / SIZE + ")");
                }
            } else {
                linePixels++;
                boolean someFlat = false;
                for (Scalar flat : FLATS) {
                    someFlat |= near(out, i, bgr(flat), TOLERANCE);
                }
                if (!someFlat && wrong.size() < 10) {
                    wrong.add("line (" + i % SIZE + "," + i / SIZE + ")");
                }
            }
        }
        assertThat(linePixels).isPositive();
        assertThat(wrong).as("pixels off their region's flat color").isEmpty();
    }

    @Test
    void aHintDotColorsItsWholeRegionExactlyAndNoOtherRegion() {
        Mat lines = lineArt();
        Mat prediction = bleedingPrediction(trueFlats(), 2, 8, 7);
        Mat hints = Mat.zeros(SIZE, SIZE, CvType.CV_8UC4);
        Imgproc.circle(hints, SEEDS[3], 5, new Scalar(255, 0, 255, 255), -1); // magenta, inside the disc
        FlatFill flatFill = new FlatFill();
        LineRegions regions = flatFill.regions(lines);
        int disc = regions.label((int) SEEDS[3].x, (int) SEEDS[3].y);

        Mat painted = flatFill.flats(lines, prediction, hints, true);

        byte[] out = new byte[3 * SIZE * SIZE];
        painted.get(0, 0, out);
        int magenta = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean isMagenta = near(out, y * SIZE + x, new int[] {255, 0, 255}, 0);
                assertThat(isMagenta).as("(%d,%d)", x, y).isEqualTo(regions.label(x, y) == disc);
                magenta += isMagenta ? 1 : 0;
            }
        }
        assertThat(magenta).as("the disc and the ink around it").isGreaterThan((int) (Math.PI * 145 * 145));
    }
}
