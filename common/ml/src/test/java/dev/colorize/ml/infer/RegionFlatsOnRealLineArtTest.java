package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.eval.HintLeak;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Region flats on real line art: twelve OpenMoji validation drawings, intact and with gaps cut into their strokes,
 * their true colors standing in for a perfect network (the region oracle). These true colors are the downscaled
 * composite (lines multiplied in, antialiased), not exact flats, so the oracle here stays below the 35+ dB that
 * exact flats reach in evaluate-colorizer (docs/QUALITY.md).
 */
class RegionFlatsOnRealLineArtTest {

    private static final int GAPS = 8;
    private static final int GAP_PX = 4;
    private static final int[] MAGENTA = {255, 0, 255};

    private static Mat bgr(Mat gray) {
        Mat out = new Mat();
        Imgproc.cvtColor(gray, out, Imgproc.COLOR_GRAY2BGR);
        return out;
    }

    /** PSNR over the twelve drawings (of the mean MSE) of the true colors through region flats on {@code gaps}. */
    private static double regionOracle(int gaps) {
        double mse = 0;
        for (int k = 0; k < OpenMojiDrawings.COUNT; k++) {
            Mat lines = OpenMojiDrawings.lines(k);
            Mat truth = OpenMojiDrawings.truth(k);
            Mat segmented = gaps == 0 ? lines : OpenMojiDrawings.withGaps(lines, gaps, GAP_PX, k);
            Mat flats = new FlatFill().fill(segmented, truth);
            double psnr = Core.PSNR(Compositing.MULTIPLY.compose(bgr(lines), flats, lines), truth);
            mse += Math.pow(10, -psnr / 10);
        }
        return 10 * Math.log10(OpenMojiDrawings.COUNT / mse);
    }

    @Test
    void gapsCutIntoTheStrokesDoNotLetRegionsLeak() {
        double intact = regionOracle(0);
        double gapped = regionOracle(GAPS);
        double sketch = 0;
        for (int k = 0; k < OpenMojiDrawings.COUNT; k++) {
            sketch += Math.pow(10, -Core.PSNR(bgr(OpenMojiDrawings.lines(k)), OpenMojiDrawings.truth(k)) / 10);
        }
        sketch = 10 * Math.log10(OpenMojiDrawings.COUNT / sketch);
        System.out.printf("region oracle on 12 OpenMoji drawings: sketch %.2f dB, intact %.2f dB, %d gaps of %d px"
                + " each %.2f dB%n", sketch, intact, GAPS, GAP_PX, gapped);
        assertThat(intact).as("14.4 dB for the sketch alone").isGreaterThan(27);
        assertThat(gapped).as("gaps cost at most 1 dB").isGreaterThan(intact - 1);
    }

    @Test
    void aHintedRegionComesOutExactlyItsHintColorAndNoNeighbourTakesIt() {
        Mat lines = OpenMojiDrawings.lines(6); // the red triangle
        Mat prediction = OpenMojiDrawings.truth(6);
        Point inside = new Point(96, 80);
        Mat hints = Mat.zeros(lines.size(), CvType.CV_8UC4);
        Imgproc.circle(hints, inside, 2, new Scalar(255, 0, 255, 255), -1);

        FlatFill flatFill = new FlatFill();
        LineRegions regions = flatFill.regions(lines);
        int triangle = regions.label((int) inside.x, (int) inside.y);
        Mat flats = flatFill.flats(lines, prediction, hints, true);

        byte[] out = new byte[3 * lines.cols() * lines.rows()];
        flats.get(0, 0, out);
        int insideArea = 0;
        for (int y = 0; y < lines.rows(); y++) {
            for (int x = 0; x < lines.cols(); x++) {
                boolean magenta = FlatFillGivesEachClosedRegionOneColorTest.near(out, y * lines.cols() + x, MAGENTA, 0);
                assertThat(magenta).as("(%d,%d)", x, y).isEqualTo(regions.label(x, y) == triangle);
                insideArea += magenta ? 1 : 0;
            }
        }
        assertThat(insideArea).as("the triangle's inside").isGreaterThan(4000);
        assertThat(out[0] & 0xff).as("the paper around it stays white").isEqualTo(255);
    }

    @Test
    void flatsRunUnderTheInkSoNoWhiteHaloShows() {
        Mat lines = OpenMojiDrawings.lines(6);
        Mat flats = new FlatFill().fill(lines, OpenMojiDrawings.truth(6));
        // Ink pixels next to the triangle's red paper take red, not the paper white the prediction has there.
        Mat red = new Mat();
        Core.inRange(flats, new Scalar(0, 0, 150), new Scalar(120, 120, 255), red);
        Mat ink = new Mat();
        Imgproc.threshold(lines, ink, 159, 255, Imgproc.THRESH_BINARY_INV);
        Mat redPaper = new Mat();
        Core.bitwise_and(red, ink, redPaper);
        assertThat(Core.countNonZero(redPaper)).as("red ink pixels in the flats").isGreaterThan(300);
        Mat composite = Compositing.MULTIPLY.compose(bgr(lines), flats, lines);
        Mat lightOnInk = new Mat();
        Mat gray = new Mat();
        Imgproc.cvtColor(composite, gray, Imgproc.COLOR_BGR2GRAY);
        Core.inRange(gray, new Scalar(250), new Scalar(255), lightOnInk);
        Core.bitwise_and(lightOnInk, ink, lightOnInk);
        assertThat(Core.countNonZero(lightOnInk)).as("ink turned white").isZero();
    }

    @Test
    void hintsOnGappedLineArtDoNotFloodPastTheirShapes() {
        double leak = 0;
        for (int k = 0; k < OpenMojiDrawings.COUNT; k++) {
            Mat lines = OpenMojiDrawings.withGaps(OpenMojiDrawings.lines(k), GAPS, GAP_PX, k);
            Mat truth = OpenMojiDrawings.truth(k);
            Mat hints = hintsFrom(truth, lines, 8, new Random(k));
            Mat blurred = new Mat();
            Imgproc.GaussianBlur(truth, blurred, new Size(0, 0), 3); // a network's soft flats
            Mat flats = new FlatFill().flats(lines, blurred, hints, true);
            Mat ink = new Mat();
            Imgproc.threshold(lines, ink, 249, 255, Imgproc.THRESH_BINARY_INV);
            flats.copyTo(truth, ink); // the composite is dark on the ink: only paper is judged
            leak += HintLeak.share(flats, truth, hints);
        }
        System.out.printf("hint leak on 12 gapped OpenMoji drawings, 8 hints each: %.3f %% of the pixels%n",
                100 * leak / OpenMojiDrawings.COUNT);
        // A hint flooding a drawing's background would paint a third or more of its pixels.
        assertThat(leak / OpenMojiDrawings.COUNT).isLessThan(0.02);
    }

    /** A circle outline on a 400x400 page, cut open on its right by {@code opening} px. */
    private static Mat openCircle(int opening) {
        Mat lines = new Mat(400, 400, CvType.CV_8UC1, new Scalar(255));
        Imgproc.circle(lines, new Point(200, 200), 60, new Scalar(0), 4);
        lines.submat(200 - opening / 2, 200 + opening / 2, 250, 270).setTo(new Scalar(255));
        return lines;
    }

    /** One blue-brown hint dot at (180, 200), inside the circle of {@link #openCircle}. */
    private static Mat dotInTheCircle() {
        Mat hints = Mat.zeros(400, 400, CvType.CV_8UC4);
        Imgproc.circle(hints, new Point(180, 200), 3, new Scalar(40, 90, 200, 255), -1);
        return hints;
    }

    @Test
    void aHintInsideAShapeJoinedToTheBackgroundThroughAGapColorsTheShapeNotTheBackground() {
        Mat prediction = new Mat(400, 400, CvType.CV_8UC3, new Scalar(255, 255, 255));

        Mat flats = new FlatFill().flats(openCircle(10), prediction, dotInTheCircle(), true);

        assertThat(flats.get(200, 150)).as("inside the shape").containsExactly(40, 90, 200);
        assertThat(flats.get(160, 230)).as("inside the shape").containsExactly(40, 90, 200);
        assertThat(flats.get(20, 20)).as("the background").containsExactly(255, 255, 255);
        assertThat(flats.get(200, 300)).as("past the gap").containsExactly(255, 255, 255);
    }

    @Test
    void aHintInAShapeWideOpenToTheBackgroundLeavesTheBackgroundToTheNetwork() {
        Mat prediction = new Mat(400, 400, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.circle(prediction, new Point(180, 200), 30, new Scalar(50, 100, 190), -1); // the network's patch

        Mat flats = new FlatFill().flats(openCircle(100), prediction, dotInTheCircle(), true);

        assertThat(flats.get(200, 160)).as("the network's patch takes the hint exactly").containsExactly(40, 90, 200);
        assertThat(flats.get(200, 230)).as("the rest of the shape, open to the background").containsExactly(255, 255, 255);
        assertThat(flats.get(20, 20)).as("the background").containsExactly(255, 255, 255);
    }

    @Test
    void twoHintColorsInOneRegionSplitItBetweenThem() {
        Mat lines = new Mat(600, 800, CvType.CV_8UC1, new Scalar(255));
        Imgproc.rectangle(lines, new Point(100, 200), new Point(700, 400), new Scalar(0), 4);
        Mat prediction = new Mat(600, 800, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Mat hints = Mat.zeros(600, 800, CvType.CV_8UC4);
        Imgproc.circle(hints, new Point(200, 300), 3, new Scalar(200, 0, 0, 255), -1);
        Imgproc.circle(hints, new Point(600, 300), 3, new Scalar(0, 0, 200, 255), -1);

        Mat flats = new FlatFill().flats(lines, prediction, hints, true);

        assertThat(flats.get(300, 120)).containsExactly(200, 0, 0);
        assertThat(flats.get(300, 380)).containsExactly(200, 0, 0);
        assertThat(flats.get(300, 420)).containsExactly(0, 0, 200);
        assertThat(flats.get(390, 690)).containsExactly(0, 0, 200);
        assertThat(flats.get(100, 400)).as("the background").containsExactly(255, 255, 255);
    }

    /** {@code count} dots of the true color at random places on paper that is not white, as a user clicks them. */
    static Mat hintsFrom(Mat truth, Mat lines, int count, Random random) {
        Mat hints = Mat.zeros(truth.size(), CvType.CV_8UC4);
        byte[] color = new byte[3];
        byte[] gray = new byte[1];
        for (int placed = 0, tries = 0; placed < count && tries < 10_000; tries++) {
            int x = 3 + random.nextInt(truth.cols() - 6);
            int y = 3 + random.nextInt(truth.rows() - 6);
            truth.get(y, x, color);
            lines.get(y, x, gray);
            if ((gray[0] & 0xff) < 250 || (color[0] & 0xff) > 240 && (color[1] & 0xff) > 240 && (color[2] & 0xff) > 240) {
                continue;
            }
            Imgproc.circle(hints, new Point(x, y), 1, new Scalar(color[0] & 0xff, color[1] & 0xff, color[2] & 0xff, 255), -1);
            placed++;
        }
        return hints;
    }
}
