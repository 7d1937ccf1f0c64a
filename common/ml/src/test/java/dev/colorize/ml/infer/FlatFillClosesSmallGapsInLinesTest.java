package dev.colorize.ml.infer;

import static dev.colorize.ml.infer.FlatFillGivesEachClosedRegionOneColorTest.bleedingPrediction;
import static dev.colorize.ml.infer.FlatFillGivesEachClosedRegionOneColorTest.near;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.OpenCvNative;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class FlatFillClosesSmallGapsInLinesTest {

    static final int SIZE = 1000;
    static final int RADIUS = 250;
    static final int[] INSIDE = {60, 60, 220};
    static final int[] OUTSIDE = {220, 170, 90};

    /** A circle outline, 2 px thick, broken by 2 px gaps at its right and top. */
    static Mat brokenCircle() {
        OpenCvNative.ensureLoaded();
        Mat lines = new Mat(SIZE, SIZE, CvType.CV_8UC1, new Scalar(255));
        Imgproc.circle(lines, new Point(500, 500), RADIUS, new Scalar(0), 2, Imgproc.LINE_8);
        lines.submat(new Rect(500 + RADIUS - 10, 499, 20, 2)).setTo(new Scalar(255));
        lines.submat(new Rect(499, 500 - RADIUS - 10, 2, 20)).setTo(new Scalar(255));
        return lines;
    }

    @Test
    void theOutlineIsBrokenSoItsPaperIsOnePieceInsideAndOut() {
        Mat paper = new Mat();
        Imgproc.threshold(brokenCircle(), paper, 159, 255, Imgproc.THRESH_BINARY);
        Mat pieces = new Mat();
        Imgproc.connectedComponents(paper, pieces, 4, CvType.CV_32S);
        assertThat(pieces.get(500, 500)[0]).isEqualTo(pieces.get(10, 10)[0]);
    }

    @Test
    void aTwoPixelGapStillSeparatesTheInsideFromTheOutside() {
        Mat lines = brokenCircle();
        Mat flats = new Mat(SIZE, SIZE, CvType.CV_8UC3, new Scalar(OUTSIDE[0], OUTSIDE[1], OUTSIDE[2]));
        Imgproc.circle(flats, new Point(500, 500), RADIUS, new Scalar(INSIDE[0], INSIDE[1], INSIDE[2]), -1);
        Mat prediction = bleedingPrediction(flats, 2, 8, 5);

        FlatFill flatFill = new FlatFill();
        LineRegions regions = flatFill.regions(lines);
        assertThat(regions.label(500, 500)).isNotEqualTo(regions.label(10, 10));
        Mat filled = flatFill.paint(regions, flatFill.regionColors(regions, prediction), prediction);
        assertThat(filled.size()).isEqualTo(lines.size());

        byte[] out = new byte[3 * SIZE * SIZE];
        filled.get(0, 0, out);
        List<String> wrong = new ArrayList<>();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double r = Math.hypot(x - 500, y - 500);
                if (Math.abs(r - RADIUS) <= 3) {
                    continue; // on the outline or in its gaps: either side's color is right
                }
                int[] want = r < RADIUS ? INSIDE : OUTSIDE;
                if (!near(out, y * SIZE + x, want, 6) && wrong.size() < 10) {
                    wrong.add("(" + x + "," + y + ")");
                }
            }
        }
        assertThat(wrong).as("pixels not of their side's color").isEmpty();
    }
}
