package dev.colorize.ml.infer;

import dev.colorize.ml.data.OpenCvNative;
import java.util.Arrays;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Splits line art into the regions a flatter fills, without leaking through gaps in the lines: multi-scale
 * trapped-ball filling (Zhang et al. 2018; the LineFiller of Style2Paints), written for this pipeline.
 *
 * <ol>
 *   <li>For each ball radius, largest first: the paper not yet filled is eroded by the ball (where the ball
 *       fits); each piece of what is left seeds a region, which grows back as far as the ball rolls. A gap
 *       narrower than the ball's diameter stops the ball, so a shape and the background it touches through
 *       the gap get seeds of their own. Smaller balls then seed the narrower shapes the big one skipped.</li>
 *   <li>The paper no ball reached becomes regions of its own, one per connected piece.</li>
 *   <li>A piece that opens widely onto a neighbour (a corner the ball could not reach: at least
 *       {@link #RESIDUE_CONTACT_SHARE} of its border is open paper shared with that neighbour) joins it;
 *       pieces smaller than the minimum region (hatching, screentone, letters' holes) and the ink itself
 *       take the nearest region, so every pixel has one and flats run under the lines.</li>
 * </ol>
 * Pixel sizes are given for a page whose shorter side is {@value #REFERENCE_SIDE_PX} px and scale with it.
 */
public final class TrappedBallSegmentation {

    /** Gray below this is ink: antialiased edges and pencil-gray strokes, not light tones. */
    public static final int DEFAULT_LINE_THRESHOLD = 160;
    /** Ball radii at the reference size, largest first: gaps up to twice the radius are bridged. */
    public static final double[] DEFAULT_BALL_RADII_PX = {8, 4, 2};
    /** Pieces smaller than this (reference px) are texture, not flats: they take a neighbour's color. */
    public static final int DEFAULT_MIN_REGION_PX = 48;
    public static final int REFERENCE_SIDE_PX = 1000;
    /** Colors are voted this far (reference px) from the ink, where the prediction bleeds least. */
    static final double CORE_MARGIN_PX = 2.0;
    static final double RESIDUE_CONTACT_SHARE = 0.25;

    private final int lineThreshold;
    private final double[] ballRadiiPx;
    private final int minRegionPx;

    public TrappedBallSegmentation() {
        this(DEFAULT_LINE_THRESHOLD, DEFAULT_BALL_RADII_PX, DEFAULT_MIN_REGION_PX);
    }

    public TrappedBallSegmentation(int lineThreshold, double[] ballRadiiPx, int minRegionPx) {
        if (lineThreshold < 1 || lineThreshold > 255 || minRegionPx < 0
                || Arrays.stream(ballRadiiPx).anyMatch(r -> r < 0)) {
            throw new IllegalArgumentException("lineThreshold 1..255, ball radii >= 0, minRegionPx >= 0");
        }
        this.lineThreshold = lineThreshold;
        this.ballRadiiPx = ballRadiiPx.clone();
        this.minRegionPx = minRegionPx;
    }

    /** The regions of {@code lineArt} (8-bit gray or BGR, dark lines on light paper). */
    public LineRegions segment(Mat lineArt) {
        OpenCvNative.ensureLoaded();
        Mat gray = Compositing.gray(lineArt);
        int width = gray.cols();
        int height = gray.rows();
        int n = width * height;
        double scale = Math.min(width, height) / (double) REFERENCE_SIDE_PX;

        Mat paper = new Mat();
        Imgproc.threshold(gray, paper, lineThreshold - 1, 255, Imgproc.THRESH_BINARY);
        byte[] paperBytes = new byte[n];
        paper.get(0, 0, paperBytes);
        boolean[] ink = new boolean[n];
        for (int i = 0; i < n; i++) {
            ink[i] = paperBytes[i] == 0;
        }

        int[] labels = new int[n];
        int[] queue = new int[n];
        int next = 1;
        Mat remaining = paper.clone();
        byte[] remainingBytes = paperBytes.clone();
        for (int radius : radii(scale)) {
            Mat eroded = new Mat();
            morph(Imgproc.MORPH_ERODE, remaining, eroded, radius);
            Mat seeds = new Mat();
            int pieces = Imgproc.connectedComponents(eroded, seeds, 4, CvType.CV_32S);
            if (pieces > 1) {
                Mat reach = new Mat();
                morph(Imgproc.MORPH_DILATE, eroded, reach, radius);
                Core.bitwise_and(reach, remaining, reach);
                byte[] reachable = new byte[n];
                reach.get(0, 0, reachable);
                int[] seed = new int[n];
                seeds.get(0, 0, seed);
                int tail = 0;
                for (int i = 0; i < n; i++) {
                    if (seed[i] > 0) {
                        labels[i] = next - 1 + seed[i];
                        queue[tail++] = i;
                    }
                }
                next += pieces - 1;
                grow(labels, reachable, queue, tail, width);
                for (int i = 0; i < n; i++) {
                    if (labels[i] != 0) {
                        remainingBytes[i] = 0;
                    }
                }
                remaining.put(0, 0, remainingBytes);
                reach.release();
            }
            Mats.release(eroded, seeds);
        }
        Mat rest = new Mat();
        int restPieces = Imgproc.connectedComponents(remaining, rest, 4, CvType.CV_32S);
        int[] restLabels = new int[n];
        rest.get(0, 0, restLabels);
        for (int i = 0; i < n; i++) {
            if (restLabels[i] > 0) {
                labels[i] = next - 1 + restLabels[i];
            }
        }
        next += Math.max(0, restPieces - 1);
        Mats.release(rest, remaining);

        mergeResidues(labels, ink, next, width);
        int minRegion = minRegion(width, height);
        int[] areas = new int[next];
        for (int i = 0; i < n; i++) {
            areas[labels[i]]++;
        }
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (ink[i] || areas[labels[i]] < minRegion) {
                labels[i] = 0;
            }
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && touchesUnlabelled(labels, i, width)) {
                queue[tail++] = i;
            }
        }
        grow(labels, null, queue, tail, width);
        int count = compact(labels, next);

        Mat core = new Mat();
        morph(Imgproc.MORPH_ERODE, paper, core, Math.max(1, (int) Math.round(CORE_MARGIN_PX * scale)));
        byte[] coreBytes = new byte[n];
        core.get(0, 0, coreBytes);
        boolean[] isCore = new boolean[n];
        for (int i = 0; i < n; i++) {
            isCore[i] = coreBytes[i] != 0;
        }
        Mats.release(core, paper);
        if (gray != lineArt) {
            gray.release();
        }
        return new LineRegions(width, height, labels, ink, isCore, count);
    }

    /** The smallest region, in pixels, on a page of this size. */
    int minRegion(int width, int height) {
        double scale = Math.min(width, height) / (double) REFERENCE_SIDE_PX;
        return Math.max(1, (int) Math.round(minRegionPx * scale * scale));
    }

    /** The largest ball's radius in pixels on a page of this size: the widest gap the segmentation bridges, halved. */
    int largestBall(int width, int height) {
        return radii(Math.min(width, height) / (double) REFERENCE_SIDE_PX)[0];
    }

    /** The ball radii in pixels for a page of this scale: distinct, at least 1, largest first. */
    int[] radii(double scale) {
        return Arrays.stream(ballRadiiPx).mapToInt(r -> Math.max(1, (int) Math.round(r * scale))).distinct()
                .boxed().sorted((a, b) -> b - a).mapToInt(Integer::intValue).toArray();
    }

    static Mat ball(int radius) {
        return Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * radius + 1, 2 * radius + 1));
    }

    /**
     * Erosion ({@code Imgproc.MORPH_ERODE}) or dilation by a ball of {@code radius}, as an octagon: 3x3 crosses and
     * squares in turn. Within a pixel or two of the disc, and many times faster than a large elliptic kernel.
     */
    static void morph(int op, Mat src, Mat dst, int radius) {
        Mat cross = Imgproc.getStructuringElement(Imgproc.MORPH_CROSS, new Size(3, 3));
        Mat square = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        src.copyTo(dst);
        for (int k = 0; k < radius; k++) {
            Imgproc.morphologyEx(dst, dst, op, k % 2 == 0 ? cross : square);
        }
        cross.release();
        square.release();
    }

    /**
     * Breadth-first growth of the queued pixels' labels into unlabelled 4-neighbours that are {@code allowed}
     * (non-zero; null: every pixel). Each pixel takes the label that reaches it first: the nearest seed.
     */
    static void grow(int[] labels, byte[] allowed, int[] queue, int tail, int width) {
        int n = labels.length;
        for (int head = 0; head < tail; head++) {
            int i = queue[head];
            int label = labels[i];
            int x = i % width;
            if (x > 0 && labels[i - 1] == 0 && (allowed == null || allowed[i - 1] != 0)) {
                labels[i - 1] = label;
                queue[tail++] = i - 1;
            }
            if (x < width - 1 && labels[i + 1] == 0 && (allowed == null || allowed[i + 1] != 0)) {
                labels[i + 1] = label;
                queue[tail++] = i + 1;
            }
            if (i >= width && labels[i - width] == 0 && (allowed == null || allowed[i - width] != 0)) {
                labels[i - width] = label;
                queue[tail++] = i - width;
            }
            if (i + width < n && labels[i + width] == 0 && (allowed == null || allowed[i + width] != 0)) {
                labels[i + width] = label;
                queue[tail++] = i + width;
            }
        }
    }

    private static boolean touchesUnlabelled(int[] labels, int i, int width) {
        int x = i % width;
        return x > 0 && labels[i - 1] == 0 || x < width - 1 && labels[i + 1] == 0
                || i >= width && labels[i - width] == 0 || i + width < labels.length && labels[i + width] == 0;
    }

    /**
     * Joins each piece to the neighbour it opens onto widely, smallest pieces first: the ball's unreachable
     * corners belong to the region around them, while a shape behind a narrow gap shares only the gap's width.
     */
    private static void mergeResidues(int[] labels, boolean[] ink, int count, int width) {
        PaperContacts contacts = PaperContacts.of(labels, ink, count, width);
        int[] area = contacts.area();
        int[] bestNeighbour = new int[count];
        int[] bestContact = new int[count];
        for (int k = 0; k < contacts.size(); k++) {
            int l = contacts.from()[k];
            int m = contacts.to()[k];
            if (contacts.length()[k] > bestContact[l] && area[m] > area[l]) {
                bestContact[l] = contacts.length()[k];
                bestNeighbour[l] = m;
            }
        }
        int[] parent = new int[count];
        for (int l = 0; l < count; l++) {
            parent[l] = bestContact[l] > 0 && bestContact[l] >= RESIDUE_CONTACT_SHARE * contacts.border()[l]
                    ? bestNeighbour[l] : l;
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = root(parent, labels[i]);
        }
    }

    /** Follows a chain of joins; chains end since each join goes to a strictly larger piece. */
    static int root(int[] parent, int label) {
        while (parent[label] != label) {
            label = parent[label];
        }
        return label;
    }

    /** Renumbers the labels in use as 1..k-1; returns k. */
    private static int compact(int[] labels, int count) {
        int[] map = new int[count];
        int next = 1;
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l != 0 && map[l] == 0) {
                map[l] = next++;
            }
            labels[i] = map[l];
        }
        return next;
    }

}
