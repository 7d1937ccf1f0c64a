package dev.colorize.ml.infer;

import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Flats as a flatter makes them: the line art split into regions that do not leak through gaps
 * ({@link TrappedBallSegmentation}), each region one exact color voted from the network's prediction
 * ({@link RegionVotes}), hints deciding their region ({@link HintFill}), and every ink pixel colored like the
 * region it borders so the flats run under the lines (no white halo when the lines are multiplied over them).
 *
 * <p>With region flats off (today's per-pixel flats), the prediction is kept pixel by pixel and only hinted
 * regions are filled.
 */
public final class FlatFill {

    /** A label whose pixels keep the prediction. */
    public static final int KEEP_PREDICTION = -1;

    private final TrappedBallSegmentation segmentation;

    public FlatFill() {
        this(new TrappedBallSegmentation());
    }

    public FlatFill(TrappedBallSegmentation segmentation) {
        this.segmentation = segmentation;
    }

    /** The regions of {@code lineArt} (8-bit gray or BGR). */
    public LineRegions regions(Mat lineArt) {
        return segmentation.segment(lineArt);
    }

    /**
     * Each region's voted color, packed 0xRRGGBB, indexed by label; a second flat the prediction paints inside a
     * region becomes a region of its own (see {@link RegionVotes}).
     */
    public int[] regionColors(LineRegions regions, Mat prediction) {
        checkPrediction(regions, prediction);
        int[] none = new int[regions.count()];
        java.util.Arrays.fill(none, KEEP_PREDICTION);
        return RegionVotes.colors(regions, prediction, segmentation.minRegion(regions.width(), regions.height()), none);
    }

    /**
     * The flats of a page: {@code prediction} (BGR 8-bit, the page's size) along the regions of {@code lineArt},
     * with {@code hints} (BGRA of the page's aspect, or null) filling their regions. {@code regionFlats}: one
     * voted color per region; false keeps the prediction outside hinted regions. A new Mat.
     */
    public Mat flats(Mat lineArt, Mat prediction, Mat hints, boolean regionFlats) {
        return flats(lineArt, prediction, hints, regionFlats, List.of());
    }

    /**
     * As {@link #flats(Mat, Mat, Mat, boolean)}, for a page of these panels (a hint never floods one's background).
     * Hints decide first, on the line art's regions; the prediction then votes the rest.
     */
    public Mat flats(Mat lineArt, Mat prediction, Mat hints, boolean regionFlats, List<Rect> panels) {
        LineRegions regions = regions(lineArt);
        checkPrediction(regions, prediction);
        int[] decided = new int[regions.count()];
        java.util.Arrays.fill(decided, KEEP_PREDICTION);
        List<int[]> leftToNetwork = List.of();
        if (hints != null) {
            HintFill.Outcome hinted = HintFill.apply(hints, regions, decided,
                    segmentation.largestBall(regions.width(), regions.height()), panels);
            decided = hinted.colors();
            leftToNetwork = hinted.leftToNetwork();
        }
        if (!regionFlats) {
            return paint(regions, decided, prediction);
        }
        int hintedLabels = regions.count();
        int[] colors = RegionVotes.colors(regions, prediction,
                segmentation.minRegion(regions.width(), regions.height()), decided);
        for (int[] dot : leftToNetwork) {
            int label = regions.labelAt(dot[0]);
            if (label >= hintedLabels) { // a second flat the network painted around the hint
                colors[label] = dot[1];
            }
        }
        return paint(regions, colors, prediction);
    }

    /** Region flats of {@code prediction} without hints. */
    public Mat fill(Mat lineArt, Mat prediction) {
        return flats(lineArt, prediction, null, true);
    }

    /** Each pixel its region's color; {@link #KEEP_PREDICTION} keeps the prediction's pixel. A new BGR Mat. */
    public Mat paint(LineRegions regions, int[] colors, Mat prediction) {
        if (colors.length != regions.count()) {
            throw new IllegalArgumentException("expected " + regions.count() + " colors, got " + colors.length);
        }
        byte[] out = pixels(regions, prediction);
        int n = regions.width() * regions.height();
        for (int i = 0; i < n; i++) {
            int color = colors[regions.labelAt(i)];
            if (color != KEEP_PREDICTION) {
                out[3 * i] = (byte) color;
                out[3 * i + 1] = (byte) (color >> 8);
                out[3 * i + 2] = (byte) (color >> 16);
            }
        }
        Mat result = new Mat(regions.height(), regions.width(), CvType.CV_8UC3);
        result.put(0, 0, out);
        return result;
    }

    private static void checkPrediction(LineRegions regions, Mat prediction) {
        if (prediction.type() != CvType.CV_8UC3 || prediction.cols() != regions.width()
                || prediction.rows() != regions.height()) {
            throw new IllegalArgumentException("prediction must be 8-bit BGR of " + regions.width() + "x"
                    + regions.height() + ", got " + CvType.typeToString(prediction.type()) + " " + prediction.cols()
                    + "x" + prediction.rows());
        }
    }

    private static byte[] pixels(LineRegions regions, Mat prediction) {
        checkPrediction(regions, prediction);
        Mat continuous = prediction.isContinuous() ? prediction : prediction.clone();
        byte[] bgr = new byte[3 * regions.width() * regions.height()];
        continuous.get(0, 0, bgr);
        if (continuous != prediction) {
            continuous.release();
        }
        return bgr;
    }
}
