package dev.colorize.ml.infer;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

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
    /** Pages larger than this are segmented and voted at this size (a 1654x2339 A4 scan at 200 dpi still is not). */
    public static final long MAX_WORKING_PIXELS = 4_000_000;

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
        return flats(lineArt, prediction, hints, regionFlats, List.of(), List.of()).image();
    }

    /**
     * As {@link #flats(Mat, Mat, Mat, boolean)}, for a page of these panels (a hint never floods one's background).
     * Hints decide first, on the line art's regions; the prediction then votes the rest.
     */
    public Mat flats(Mat lineArt, Mat prediction, Mat hints, boolean regionFlats, List<Rect> panels) {
        return flats(lineArt, prediction, hints, regionFlats, panels, List.of()).image();
    }

    /** A page's flats and how many of its regions followed its series' references. */
    public record Flats(Mat image, ReferenceMatches matches) {}

    /**
     * As {@link #flats(Mat, Mat, Mat, boolean, List)}, following {@code references} (none: the network alone): with
     * region flats, each figure region the hints left takes a reference's color where it confidently matches one
     * ({@link ReferenceMatcher}), else its vote. Per-pixel flats follow no reference.
     */
    public Flats flats(Mat lineArt, Mat prediction, Mat hints, boolean regionFlats, List<Rect> panels,
            List<ReferenceArt> references) {
        return flats(lineArt, prediction, hints, regionFlats, panels, references, null);
    }

    /** As above, with what the network read over the page ({@code read}, null: the prediction's colors only). */
    Flats flats(Mat lineArt, Mat prediction, Mat hints, boolean regionFlats, List<Rect> panels,
            List<ReferenceArt> references, RegionFeatures read) {
        double scale = workingScale(lineArt);
        if (scale < 1) {
            return atWorkingScale(lineArt, prediction, hints, regionFlats, panels, references, read, scale);
        }
        if (!regionFlats) {
            LineRegions regions = regions(lineArt);
            checkPrediction(regions, prediction);
            return new Flats(paint(regions, hinted(regions, hints, panels).colors(), prediction), ReferenceMatches.NONE);
        }
        RegionFlats decided = decide(lineArt, prediction, hints, panels, references, read);
        return new Flats(paint(decided.regions(), decided.colors(), prediction), decided.matches());
    }

    /**
     * A page's region flats before they are painted: its regions, each one's color, the colors hints decided (else
     * {@link #KEEP_PREDICTION}) and what followed the references. Pages of one chapter are voted together
     * on these ({@link ChapterVote}) before they are painted.
     */
    record RegionFlats(LineRegions regions, int[] colors, int[] decided, ReferenceMatches matches, int minRegion) {}

    /** Whether {@link #decide} works at the page's own size (a larger page is decided at the working scale). */
    static boolean atFullSize(Mat lineArt) {
        return workingScale(lineArt) >= 1;
    }

    /** The colors {@code hints} (null: none) decide per region, {@link #KEEP_PREDICTION} elsewhere. */
    private HintFill.Outcome hinted(LineRegions regions, Mat hints, List<Rect> panels) {
        int[] none = new int[regions.count()];
        java.util.Arrays.fill(none, KEEP_PREDICTION);
        if (hints == null) {
            return new HintFill.Outcome(none, List.of());
        }
        return HintFill.apply(hints, regions, none, segmentation.largestBall(regions.width(), regions.height()), panels);
    }

    /** Region flats of a page at its own size ({@link #atFullSize}). */
    RegionFlats decide(Mat lineArt, Mat prediction, Mat hints, List<Rect> panels, List<ReferenceArt> references,
            RegionFeatures read) {
        LineRegions regions = regions(lineArt);
        checkPrediction(regions, prediction);
        HintFill.Outcome hinted = hinted(regions, hints, panels);
        int[] decided = hinted.colors();
        List<int[]> leftToNetwork = hinted.leftToNetwork();
        int minRegion = segmentation.minRegion(regions.width(), regions.height());
        ReferenceMatches matches = ReferenceMatches.NONE;
        int[] followed = null;
        if (!references.isEmpty()) {
            // on the line art's regions, before the votes join or split them
            RegionDescriptors page = RegionDescriptors.of(regions, panels, minRegion, read);
            followed = new int[regions.count()];
            java.util.Arrays.fill(followed, KEEP_PREDICTION);
            matches = ReferenceMatcher.follow(page, decided, followed, references);
        }
        int hintedLabels = regions.count();
        boolean[] dots = leftToNetwork.isEmpty() ? null : new boolean[regions.width() * regions.height()];
        for (int[] dot : leftToNetwork) {
            dots[dot[0]] = true;
        }
        int[] colors = RegionVotes.colors(regions, prediction, minRegion, decided, followed,
                RegionDescriptors.paper(regions, panels), dots);
        int[] byHints = java.util.Arrays.copyOf(decided, colors.length);
        java.util.Arrays.fill(byHints, decided.length, byHints.length, KEEP_PREDICTION);
        for (int[] dot : leftToNetwork) {
            int label = regions.labelAt(dot[0]);
            if (label >= hintedLabels) { // a second flat the network painted around the hint
                colors[label] = dot[1];
                byHints[label] = dot[1];
            }
        }
        return new RegionFlats(regions, colors, byHints, matches, minRegion);
    }

    /**
     * A reference's regions and true colors: {@code lineArt} its line art and {@code colored} the colored reference, of
     * one size (large ones are described at the working scale); {@code read}: what the network read over the line art;
     * {@code asPage}: described as a page's regions are matched ({@link ReferenceArt#describe}).
     */
    ReferenceArt describe(Mat lineArt, Mat colored, List<Rect> panels, RegionFeatures read, boolean asPage) {
        double scale = workingScale(lineArt);
        if (scale < 1) {
            Size small = smallSize(lineArt, scale);
            Mat gray = Compositing.gray(lineArt);
            Mat smallLines = workingLines(gray, small, scale);
            Mat smallColored = resized(colored, small);
            ReferenceArt art = describe(smallLines, smallColored, scaled(panels, lineArt, small), read, asPage);
            if (gray != lineArt) {
                gray.release();
            }
            Mats.release(smallLines, smallColored);
            return art;
        }
        LineRegions regions = regions(lineArt);
        checkPrediction(regions, colored);
        return ReferenceArt.describe(regions, colored, panels, segmentation.minRegion(regions.width(), regions.height()),
                read, asPage);
    }

    private static double workingScale(Mat lineArt) {
        return Math.min(1, Math.sqrt((double) MAX_WORKING_PIXELS / ((double) lineArt.cols() * lineArt.rows())));
    }

    private static Size smallSize(Mat lineArt, double scale) {
        return new Size(Math.max(1, Math.round(lineArt.cols() * scale)), Math.max(1, Math.round(lineArt.rows() * scale)));
    }

    private static Mat resized(Mat image, Size size) {
        Mat small = new Mat();
        Imgproc.resize(image, small, size, 0, 0, Imgproc.INTER_AREA);
        return small;
    }

    private static List<Rect> scaled(List<Rect> panels, Mat lineArt, Size small) {
        double sx = small.width / lineArt.cols();
        double sy = small.height / lineArt.rows();
        return panels.stream().map(r -> new Rect((int) (r.x * sx), (int) (r.y * sy),
                Math.max(1, (int) (r.width * sx)), Math.max(1, (int) (r.height * sy)))).toList();
    }

    /**
     * The line art at a working size: darkest first, then averaged. A 3 px stroke scaled to 0.6 would average into
     * light gray, below the ink threshold, and open every outline it draws.
     */
    private static Mat workingLines(Mat gray, Size small, double scale) {
        int k = (int) Math.ceil(1 / scale);
        Mat darkest = new Mat();
        Imgproc.erode(gray, darkest, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(k, k)));
        Mat smallLines = resized(darkest, small);
        darkest.release();
        return smallLines;
    }

    /**
     * A page above {@link #MAX_WORKING_PIXELS} (print scans) is split into regions and voted at that size, and its
     * regions painted back at full size by nearest label: exact colors still, for a bounded cost in time and memory
     * (segmentation and votes grow with the pixels times the ball sizes, which grow with the page).
     */
    private Flats atWorkingScale(Mat lineArt, Mat prediction, Mat hints, boolean regionFlats, List<Rect> panels,
            List<ReferenceArt> references, RegionFeatures read, double scale) {
        Size small = smallSize(lineArt, scale);
        Mat gray = Compositing.gray(lineArt);
        Mat smallLines = workingLines(gray, small, scale);
        Mat smallPrediction = resized(prediction, small);
        Flats smallFlats = flats(smallLines, smallPrediction, hints, regionFlats, scaled(panels, lineArt, small),
                references, read);
        // Every label's color is in the small flats at its pixels; paint by nearest, keeping the prediction where
        // per-pixel flats keep it (wherever the small flats equal the small prediction no region decided).
        Mat flats = new Mat();
        Imgproc.resize(smallFlats.image(), flats, lineArt.size(), 0, 0, Imgproc.INTER_NEAREST);
        if (!regionFlats) {
            Mat kept = new Mat();
            Core.compare(diff(smallFlats.image(), smallPrediction), new Scalar(0), kept, Core.CMP_EQ);
            Mat keptFull = new Mat();
            Imgproc.resize(kept, keptFull, lineArt.size(), 0, 0, Imgproc.INTER_NEAREST);
            prediction.copyTo(flats, keptFull);
            Mats.release(kept, keptFull);
        }
        if (gray != lineArt) {
            gray.release();
        }
        Mats.release(smallLines, smallPrediction, smallFlats.image());
        return new Flats(flats, smallFlats.matches());
    }

    /** The per-pixel sum of absolute channel differences, 8-bit one channel (saturating). */
    private static Mat diff(Mat a, Mat b) {
        Mat d = new Mat();
        Core.absdiff(a, b, d);
        Mat gray = new Mat();
        Imgproc.cvtColor(d, gray, Imgproc.COLOR_BGR2GRAY);
        d.release();
        return gray;
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
