package dev.colorize.ml.infer;

import dev.colorize.ml.data.OpenCvNative;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A colorist's "flat fill": every closed region of the line art takes one color, so flats are crisp
 * and never bleed across a line.
 *
 * <p>Two steps, so that hints can pick colors per region in between:
 * <ol>
 *   <li>{@link #regions(Mat)}: line mask = gray &lt; {@link #lineThreshold()}, thickened by a
 *       dilation that closes gaps of up to {@link #gapPx()} (scaled to the page) so a nearly closed
 *       outline still separates its inside from its outside; regions = 4-connected components of
 *       the rest. Line pixels are assigned to their nearest region.</li>
 *   <li>{@link #regionColors(Regions, Mat)}: each region's per-channel median of the prediction,
 *       over the region's pixels away from the lines where it has enough of them (the prediction
 *       bleeds most right at the lines); {@link #paint(Regions, int[], boolean[], Mat)}: pixels near
 *       their region's color take it, tiny regions (hatching, screentone dots) keep the raw prediction.</li>
 * </ol>
 * {@link #fill(Mat, Mat)} does both. Pixel sizes are given for a page whose shorter side is
 * {@value #REFERENCE_SIDE_PX} px and scale with the page.
 */
public final class FlatFill {

    /** Gray below this is line: catches antialiased edges and pencil-gray strokes, not light tones. */
    public static final int DEFAULT_LINE_THRESHOLD = 160;
    /** Gaps in outlines up to this wide (at the reference size) are closed: typical inking gaps are 1-3 px. */
    public static final double DEFAULT_GAP_PX = 3.0;
    /** Regions smaller than this (at the reference size, px) are texture, not flats: keep the prediction. */
    public static final int DEFAULT_MIN_REGION_PX = 48;
    /** The page's shorter side at which the pixel sizes above hold. */
    public static final int REFERENCE_SIDE_PX = 1000;
    /** The color is taken from region pixels at least this far (reference px) beyond the closed lines ... */
    static final double CORE_MARGIN_PX = 2.0;
    /** ... when they are at least this share of the region; thin regions use all their pixels. */
    static final double MIN_CORE_SHARE = 0.2;

    /**
     * A region has a flat color only when at least half of the prediction inside it is near one color;
     * pixels far from that color keep the prediction (see {@link #paint}).
     */
    static final int UNIFORM_TOLERANCE = 96;
    static final double MIN_UNIFORM_SHARE = 0.5;

    /** Pixel zones: on the closed lines, off them but within the core margin, or well inside a region. */
    private static final byte LINE = 0;
    private static final byte EDGE = 1;
    private static final byte CORE = 2;

    /** Marks a region without a color of its own in {@link #regionColors}: its pixels keep the prediction. */
    public static final int KEEP_PREDICTION = -1;

    private final int lineThreshold;
    private final double gapPx;
    private final int minRegionPx;

    public FlatFill() {
        this(DEFAULT_LINE_THRESHOLD, DEFAULT_GAP_PX, DEFAULT_MIN_REGION_PX);
    }

    /**
     * @param lineThreshold gray level below which a pixel is line (1..255)
     * @param gapPx widest gap in an outline that is still closed, in px at the reference size (0: none)
     * @param minRegionPx regions smaller than this, in px at the reference size, keep the prediction
     */
    public FlatFill(int lineThreshold, double gapPx, int minRegionPx) {
        if (lineThreshold < 1 || lineThreshold > 255 || gapPx < 0 || minRegionPx < 0) {
            throw new IllegalArgumentException("lineThreshold 1..255, gapPx >= 0, minRegionPx >= 0");
        }
        this.lineThreshold = lineThreshold;
        this.gapPx = gapPx;
        this.minRegionPx = minRegionPx;
    }

    public int lineThreshold() {
        return lineThreshold;
    }

    public double gapPx() {
        return gapPx;
    }

    public int minRegionPx() {
        return minRegionPx;
    }

    /** The closed regions of a page's line art, each pixel labelled with its (nearest) region. */
    public static final class Regions {
        private final int width;
        private final int height;
        private final int count;
        private final int[] nearest;
        private final int[] areas;
        /** Per pixel: {@link #LINE}, {@link #EDGE} or {@link #CORE}. */
        private final byte[] zone;
        private final int minRegionPx;

        private Regions(int width, int height, int count, int[] nearest, int[] areas, byte[] zone, int minRegionPx) {
            this.width = width;
            this.height = height;
            this.count = count;
            this.nearest = nearest;
            this.areas = areas;
            this.zone = zone;
            this.minRegionPx = minRegionPx;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        /** Number of labels; regions are 1..count-1 (0 is used only if the page is all line). */
        public int count() {
            return count;
        }

        /** The region of pixel (x, y); a line pixel gets its nearest region. */
        public int label(int x, int y) {
            return nearest[y * width + x];
        }

        /** Pixels of the region off the (closed) lines. */
        public int area(int label) {
            return areas[label];
        }

        /** Too small to be a flat: its pixels keep the prediction. */
        public boolean isTiny(int label) {
            return label == 0 || areas[label] < minRegionPx;
        }

        /** The labels as a CV_32S Mat of the page's size (line pixels labelled with their nearest region). */
        public Mat labelMat() {
            Mat mat = new Mat(height, width, CvType.CV_32S);
            mat.put(0, 0, nearest);
            return mat;
        }
    }

    /** The closed regions of {@code lineArt} (8-bit gray, dark lines on white; BGR is converted). */
    public Regions regions(Mat lineArt) {
        OpenCvNative.ensureLoaded();
        Mat gray = Compositing.gray(lineArt);
        int width = gray.cols();
        int height = gray.rows();
        double scale = Math.min(width, height) / (double) REFERENCE_SIDE_PX;

        Mat lines = new Mat();
        Imgproc.threshold(gray, lines, lineThreshold - 1, 255, Imgproc.THRESH_BINARY_INV);
        // Dilating by r on each side closes gaps up to 2r wide.
        int gapRadius = (int) Math.ceil(gapPx * scale / 2);
        Mat closed = dilate(lines, gapRadius);
        Mat open = new Mat();
        Imgproc.threshold(closed, open, 0, 255, Imgproc.THRESH_BINARY_INV);

        Mat labelMat = new Mat();
        Mat stats = new Mat();
        int count = Imgproc.connectedComponentsWithStats(open, labelMat, stats, new Mat(), 4, CvType.CV_32S);
        int[] labels = new int[width * height];
        labelMat.get(0, 0, labels);
        int[] statArray = new int[count * Imgproc.CC_STAT_MAX];
        stats.get(0, 0, statArray);
        int[] areas = new int[count];
        for (int label = 1; label < count; label++) {
            areas[label] = statArray[label * Imgproc.CC_STAT_MAX + Imgproc.CC_STAT_AREA];
        }

        Mat nearLines = dilate(closed, Math.max(1, (int) Math.round(CORE_MARGIN_PX * scale)));
        byte[] near = new byte[width * height];
        nearLines.get(0, 0, near);
        byte[] zone = new byte[width * height];
        for (int i = 0; i < zone.length; i++) {
            zone[i] = labels[i] == 0 ? LINE : near[i] == 0 ? CORE : EDGE;
        }

        int minRegion = (int) Math.round(minRegionPx * scale * scale);
        return new Regions(width, height, count, assignLinesToNearestRegion(labels, width, height), areas, zone, minRegion);
    }

    /** Each region's color: packed 0xRRGGBB, or {@link #KEEP_PREDICTION} for tiny regions and label 0. */
    public int[] regionColors(Regions regions, Mat prediction) {
        byte[] bgr = pixels(regions, prediction);
        int count = regions.count;
        int n = regions.width * regions.height;
        // Counting sort of the off-line pixels by region, so each region's pixels are contiguous.
        int[] offsets = new int[count + 1];
        for (int label = 1; label < count; label++) {
            offsets[label + 1] = offsets[label] + regions.areas[label];
        }
        int[] cursor = offsets.clone();
        int[] byRegion = new int[offsets[count]];
        int[] coreCount = new int[count];
        int[] labelOf = regions.nearest;
        byte[] zone = regions.zone;
        for (int i = 0; i < n; i++) {
            if (zone[i] != LINE) {
                int label = labelOf[i];
                byRegion[cursor[label]++] = i;
                coreCount[label] += zone[i] == CORE ? 1 : 0;
            }
        }

        int[] colors = new int[count];
        colors[0] = KEEP_PREDICTION;
        int[][] histograms = new int[3][256];
        for (int label = 1; label < count; label++) {
            if (regions.isTiny(label)) {
                colors[label] = KEEP_PREDICTION;
                continue;
            }
            boolean coreOnly = coreCount[label] >= MIN_CORE_SHARE * regions.areas[label] && coreCount[label] > 0;
            int samples = 0;
            for (int k = offsets[label]; k < offsets[label + 1]; k++) {
                int i = byRegion[k];
                if (!coreOnly || zone[i] == CORE) {
                    histograms[0][bgr[3 * i] & 0xff]++;
                    histograms[1][bgr[3 * i + 1] & 0xff]++;
                    histograms[2][bgr[3 * i + 2] & 0xff]++;
                    samples++;
                }
            }
            int b = medianAndClear(histograms[0], samples);
            int g = medianAndClear(histograms[1], samples);
            int r = medianAndClear(histograms[2], samples);
            int near = 0;
            for (int k = offsets[label]; k < offsets[label + 1]; k++) {
                int i = byRegion[k];
                if ((!coreOnly || zone[i] == CORE) && Math.abs((bgr[3 * i] & 0xff) - b)
                        + Math.abs((bgr[3 * i + 1] & 0xff) - g) + Math.abs((bgr[3 * i + 2] & 0xff) - r) <= UNIFORM_TOLERANCE) {
                    near++;
                }
            }
            colors[label] = near >= MIN_UNIFORM_SHARE * samples ? r << 16 | g << 8 | b : KEEP_PREDICTION;
        }
        return colors;
    }

    /**
     * A new BGR image: pixels under the ink take their region's color, and so does each other pixel
     * whose prediction lies within {@link #UNIFORM_TOLERANCE} of its region's color (packed 0xRRGGBB, indexed by label, as from {@link #regionColors}) takes that color, so a
     * region's dominant flat becomes crisp and noise-free while a second color inside it (an open
     * outline's hair against the background) keeps the prediction. Strong bleeding across a line is
     * therefore kept too: on real line art, where outlines are often open, one color per region loses
     * whole objects (measured on OpenMoji: 86.6 dB for true flats, 16.1 dB after such a fill). Regions marked in {@code whole} (hinted ones) take
     * their color on every pixel; {@link #KEEP_PREDICTION} keeps the prediction.
     */
    public Mat paint(Regions regions, int[] colors, boolean[] whole, Mat prediction) {
        if (colors.length != regions.count || whole.length != regions.count) {
            throw new IllegalArgumentException("expected " + regions.count + " colors, got " + colors.length);
        }
        byte[] bgr = pixels(regions, prediction);
        byte[] out = bgr.clone();
        int[] labels = regions.nearest;
        for (int i = 0; i < labels.length; i++) {
            int color = colors[labels[i]];
            if (color == KEEP_PREDICTION) {
                continue;
            }
            int b = color & 0xff;
            int g = color >> 8 & 0xff;
            int r = color >> 16 & 0xff;
            if (whole[labels[i]] || regions.zone[i] == LINE || Math.abs((bgr[3 * i] & 0xff) - b)
                    + Math.abs((bgr[3 * i + 1] & 0xff) - g) + Math.abs((bgr[3 * i + 2] & 0xff) - r) <= UNIFORM_TOLERANCE) {
                out[3 * i] = (byte) b;
                out[3 * i + 1] = (byte) g;
                out[3 * i + 2] = (byte) r;
            }
        }
        Mat result = new Mat(regions.height, regions.width, CvType.CV_8UC3);
        result.put(0, 0, out);
        return result;
    }

    /** {@code paint(regions, regionColors(regions, prediction), prediction)}. */
    public Mat fill(Regions regions, Mat prediction) {
        return paint(regions, regionColors(regions, prediction), new boolean[regions.count], prediction);
    }

    /**
     * The flat fill of {@code prediction} (BGR 8-bit, the size of the page) along the regions of
     * {@code lineArt} (gray 8-bit, full resolution). A new Mat; the inputs are not changed.
     */
    public Mat fill(Mat lineArt, Mat prediction) {
        return fill(regions(lineArt), prediction);
    }


    private static Mat dilate(Mat mask, int radius) {
        if (radius <= 0) {
            return mask;
        }
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * radius + 1, 2 * radius + 1));
        Mat out = new Mat();
        Imgproc.dilate(mask, out, kernel);
        return out;
    }

    private static byte[] pixels(Regions regions, Mat prediction) {
        if (prediction.type() != CvType.CV_8UC3 || prediction.cols() != regions.width || prediction.rows() != regions.height) {
            throw new IllegalArgumentException("prediction must be 8-bit BGR of " + regions.width + "x" + regions.height
                    + ", got " + CvType.typeToString(prediction.type()) + " " + prediction.cols() + "x" + prediction.rows());
        }
        Mat continuous = prediction.isContinuous() ? prediction : prediction.clone();
        byte[] bgr = new byte[3 * regions.width * regions.height];
        continuous.get(0, 0, bgr);
        return bgr;
    }

    /** Label 0 (line) pixels take the label of the nearest region pixel (multi-source BFS, 4-neighbours). */
    private static int[] assignLinesToNearestRegion(int[] labels, int width, int height) {
        int[] nearest = labels.clone();
        int[] queue = new int[labels.length];
        int head = 0;
        int tail = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (labels[i] != 0
                        && (x > 0 && labels[i - 1] == 0 || x < width - 1 && labels[i + 1] == 0
                                || y > 0 && labels[i - width] == 0 || y < height - 1 && labels[i + width] == 0)) {
                    queue[tail++] = i;
                }
            }
        }
        while (head < tail) {
            int i = queue[head++];
            int x = i % width;
            int label = nearest[i];
            if (x > 0 && nearest[i - 1] == 0) {
                nearest[i - 1] = label;
                queue[tail++] = i - 1;
            }
            if (x < width - 1 && nearest[i + 1] == 0) {
                nearest[i + 1] = label;
                queue[tail++] = i + 1;
            }
            if (i >= width && nearest[i - width] == 0) {
                nearest[i - width] = label;
                queue[tail++] = i - width;
            }
            if (i + width < nearest.length && nearest[i + width] == 0) {
                nearest[i + width] = label;
                queue[tail++] = i + width;
            }
        }
        return nearest;
    }

    /** The median bin of a histogram of {@code samples} values; leaves the histogram zeroed. */
    private static int medianAndClear(int[] histogram, int samples) {
        int half = (samples + 1) / 2;
        int seen = 0;
        int median = -1;
        for (int v = 0; v < 256; v++) {
            seen += histogram[v];
            if (median < 0 && seen >= half) {
                median = v;
            }
            histogram[v] = 0;
        }
        return Math.max(median, 0);
    }
}
