package dev.colorize.ml.infer;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * What a region of a drawing looks like to the reference matcher, compared across drawings of one character: what the
 * network read over it (the features it paints the region's color from: a face reads as a face, a sleeve as cloth,
 * whatever tone it guesses), where it sits in its figure and how much of the figure it takes. A figure is
 * one connected part of everything that is not background; background is the paper that touches the page's or a
 * panel's border, and is never matched.
 *
 * @param labels   the region label each descriptor describes
 * @param features per descriptor {@link #WIDTH} values: the region's centroid in its figure's box (0..1 each way) and
 *                 the log of its share of that box's area
 * @param areas    the regions' pixels off the ink
 * @param read     per descriptor what the network read over the region ({@link RegionFeatures#pooled}: unit length),
 *                 null where unknown
 * @param context  per descriptor the network's coarser context over the region ({@link RegionFeatures.Pooled}), null
 *                 where unknown
 * @param metric   how these regions are compared ({@link RegionFeatures#metric}; hand-set without a read)
 * @param points   per descriptor its point in {@code metric} (null where the metric cannot place it)
 * @param handSet  per descriptor its point in {@link RegionMetric#HAND_SET}, to compare with regions of another metric
 */
record RegionDescriptors(int[] labels, float[] features, int[] areas, float[][] read, float[][] context,
        RegionMetric metric, float[][] points, float[][] handSet) {

    static final int WIDTH = 3;
    /** Parts of one figure may stand apart by this share of the page's (or reference's) shorter side. */
    static final double FIGURE_GAP = 0.08;
    /** Share of a panel's frame a region must meet to be the panel's paper. */
    static final double PANEL_PAPER_SHARE = 0.1;

    int size() {
        return labels.length;
    }

    /** Descriptor {@code k}'s {@link #WIDTH} place values. */
    float[] place(int k) {
        return place(features, k);
    }

    private static float[] place(float[] features, int k) {
        return java.util.Arrays.copyOfRange(features, k * WIDTH, (k + 1) * WIDTH);
    }

    /** The metric descriptor {@code k} and descriptor {@code j} of {@code other} are compared in. */
    RegionMetric metricWith(int k, RegionDescriptors other, int j) {
        return metric == other.metric && points[k] != null && other.points[j] != null ? metric : RegionMetric.HAND_SET;
    }

    /** Descriptor {@code k}'s distance to descriptor {@code j} of {@code other}, in {@link #metricWith}. */
    float distance(int k, RegionDescriptors other, int j) {
        return distance(k, other, j, metricWith(k, other, j));
    }

    /** As above in {@code m}: {@link #metricWith} or {@link RegionMetric#HAND_SET}. */
    float distance(int k, RegionDescriptors other, int j, RegionMetric m) {
        return m == RegionMetric.HAND_SET ? m.distance(handSet[k], other.handSet[j]) : m.distance(points[k], other.points[j]);
    }

    /** The same regions compared in {@code other}. */
    RegionDescriptors withMetric(RegionMetric other) {
        return of(labels, features, areas, read, context, other);
    }

    private static RegionDescriptors of(int[] labels, float[] features, int[] areas, float[][] read,
            float[][] context, RegionMetric metric) {
        float[][] points = new float[labels.length][];
        float[][] handSet = new float[labels.length][];
        for (int k = 0; k < labels.length; k++) {
            float[] place = place(features, k);
            handSet[k] = RegionMetric.HAND_SET.point(place, read[k], null);
            points[k] = metric == RegionMetric.HAND_SET ? handSet[k] : metric.point(place, read[k], context[k]);
        }
        return new RegionDescriptors(labels, features, areas, read, context, metric, points, handSet);
    }

    /**
     * The descriptors of every figure region of {@code regions} at least {@code minArea} pixels; {@code read}: what the
     * network read over the page (null: described by place and share alone, as a strip's tiles are).
     */
    static RegionDescriptors of(LineRegions regions, List<Rect> panels, int minArea, RegionFeatures read) {
        int width = regions.width();
        int height = regions.height();
        int count = regions.count();
        boolean[] background = backgroundLabels(regions, panels);
        byte[] figureMask = new byte[width * height];
        for (int i = 0; i < figureMask.length; i++) {
            if (!background[regions.labelAt(i)]) {
                figureMask[i] = (byte) 255;
            }
        }
        Mat mask = new Mat(height, width, CvType.CV_8UC1);
        mask.put(0, 0, figureMask);
        // a head drawn apart from its body, a hand from its sleeve, are one figure: close gaps up to a few percent
        // (a distance transform rather than a dilation, whose kernel would grow with the page)
        int gap = Math.max(1, (int) Math.round(FIGURE_GAP * Math.min(width, height) / 2));
        Mat outside = new Mat();
        Core.bitwise_not(mask, outside);
        Mat distance = new Mat();
        Imgproc.distanceTransform(outside, distance, Imgproc.DIST_L2, 3);
        Imgproc.threshold(distance, distance, gap, 255, Imgproc.THRESH_BINARY_INV);
        distance.convertTo(mask, CvType.CV_8U);
        outside.release();
        distance.release();
        Mat figures = new Mat();
        int figureCount = Imgproc.connectedComponents(mask, figures, 8, CvType.CV_32S);
        int[] figureOf = new int[width * height];
        figures.get(0, 0, figureOf);
        mask.release();
        figures.release();
        // each figure's box over its own pixels, not the closed gaps around them
        int[] minX = new int[figureCount];
        int[] minY = new int[figureCount];
        int[] maxX = new int[figureCount];
        int[] maxY = new int[figureCount];
        java.util.Arrays.fill(minX, Integer.MAX_VALUE);
        java.util.Arrays.fill(minY, Integer.MAX_VALUE);
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                int f = figureOf[i];
                if (figureMask[i] != 0 && f > 0) {
                    minX[f] = Math.min(minX[f], x);
                    maxX[f] = Math.max(maxX[f], x);
                    minY[f] = Math.min(minY[f], y);
                    maxY[f] = Math.max(maxY[f], y);
                }
            }
        }

        double[] sumX = new double[count];
        double[] sumY = new double[count];
        int[] figure = new int[count];
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                if (!regions.isInk(i)) {
                    int l = regions.labelAt(i);
                    sumX[l] += x;
                    sumY[l] += y;
                    figure[l] = figureOf[i];
                }
            }
        }
        int kept = 0;
        for (int l = 0; l < count; l++) {
            kept += !background[l] && regions.area(l) >= minArea && figure[l] > 0 ? 1 : 0;
        }
        RegionFeatures.Pooled pooled = read == null ? new RegionFeatures.Pooled(new float[count][], new float[count][])
                : read.pooled(regions);
        float[][] reads = new float[kept][];
        float[][] contexts = new float[kept][];
        int[] labels = new int[kept];
        int[] areas = new int[kept];
        float[] features = new float[kept * WIDTH];
        int k = 0;
        for (int l = 0; l < count; l++) {
            int area = regions.area(l);
            if (background[l] || area < minArea || figure[l] <= 0) {
                continue;
            }
            int f = figure[l];
            double fx = minX[f];
            double fy = minY[f];
            double fw = maxX[f] - minX[f] + 1;
            double fh = maxY[f] - minY[f] + 1;
            labels[k] = l;
            areas[k] = area;
            reads[k] = pooled.read()[l];
            contexts[k] = pooled.context()[l];
            int o = k * WIDTH;
            features[o] = (float) ((sumX[l] / area - fx + 0.5) / fw);
            features[o + 1] = (float) ((sumY[l] / area - fy + 0.5) / fh);
            features[o + 2] = (float) Math.log(area / (fw * fh));
            k++;
        }
        return of(labels, features, areas, reads, contexts, read == null ? RegionMetric.HAND_SET : read.metric());
    }

    /** Labels with paper pixels on the page's border or just inside a panel's frame. */
    static boolean[] backgroundLabels(LineRegions regions, List<Rect> panels) {
        return paper(regions, panels, null).labels();
    }

    /**
     * The paper around a page's figures: per label whether it is background ({@link #backgroundLabels}), and per pixel
     * whether it is the ink of a panel's frame (a frame is not a line of the drawing).
     */
    record Paper(boolean[] labels, boolean[] frameInk) {}

    static Paper paper(LineRegions regions, List<Rect> panels) {
        return paper(regions, panels, new boolean[regions.width() * regions.height()]);
    }

    /** As above; {@code frameInk} null: the frames' ink is not wanted. */
    private static Paper paper(LineRegions regions, List<Rect> panels, boolean[] frameInk) {
        boolean[] background = new boolean[regions.count()];
        markBorder(regions, new Rect(0, 0, regions.width(), regions.height()), background);
        for (Rect panel : panels) {
            markInsideFrame(regions, panel, background, frameInk);
        }
        return new Paper(background, frameInk);
    }

    private static void markBorder(LineRegions regions, Rect r, boolean[] background) {
        int width = regions.width();
        int x1 = Math.min(regions.width() - 1, r.x + r.width - 1);
        int y1 = Math.min(regions.height() - 1, r.y + r.height - 1);
        for (int x = Math.max(0, r.x); x <= x1; x++) {
            mark(regions, r.y * width + x, background);
            mark(regions, y1 * width + x, background);
        }
        for (int y = Math.max(0, r.y); y <= y1; y++) {
            mark(regions, y * width + r.x, background);
            mark(regions, y * width + x1, background);
        }
    }

    /**
     * The paper just inside a panel's frame: from each point of the panel's edge, inward across the frame's ink to the
     * first pixel off it (a frame may be several pixels thick; a fixed inset landed on its ink and found no paper). A
     * region is the panel's paper where it meets the frame along at least {@link #PANEL_PAPER_SHARE} of it: a figure
     * the frame crops, its outline on the frame, meets it along a little of it only.
     */
    private static void markInsideFrame(LineRegions regions, Rect panel, boolean[] background, boolean[] frameInk) {
        int width = regions.width();
        int height = regions.height();
        int x0 = Math.max(0, panel.x);
        int y0 = Math.max(0, panel.y);
        int x1 = Math.min(width - 1, panel.x + panel.width - 1);
        int y1 = Math.min(height - 1, panel.y + panel.height - 1);
        int reach = Math.max(8, Math.min(panel.width, panel.height) / 20);
        int[] landings = new int[regions.count()];
        int total = 0;
        for (int x = x0; x <= x1; x++) {
            total += land(regions, x, y0, 0, 1, reach, landings, frameInk)
                    + land(regions, x, y1, 0, -1, reach, landings, frameInk);
        }
        for (int y = y0; y <= y1; y++) {
            total += land(regions, x0, y, 1, 0, reach, landings, frameInk)
                    + land(regions, x1, y, -1, 0, reach, landings, frameInk);
        }
        for (int l = 0; l < landings.length; l++) {
            if (landings[l] > 0 && landings[l] >= PANEL_PAPER_SHARE * total) {
                background[l] = true;
            }
        }
    }

    /**
     * Counts the label of the first pixel off the ink from (x, y) along (dx, dy) within {@code reach}, and marks the ink
     * crossed to it as the frame's (unless {@code frameInk} is null); 1 if found.
     */
    private static int land(LineRegions regions, int x, int y, int dx, int dy, int reach, int[] landings,
            boolean[] frameInk) {
        int start = y * regions.width() + x;
        int stride = dy * regions.width() + dx;
        for (int step = 0; step <= reach; step++, x += dx, y += dy) {
            if (x < 0 || y < 0 || x >= regions.width() || y >= regions.height()) {
                return 0;
            }
            int i = y * regions.width() + x;
            if (!regions.isInk(i)) {
                landings[regions.labelAt(i)]++;
                for (int k = 0; frameInk != null && k < step; k++) {
                    frameInk[start + k * stride] = true;
                }
                return 1;
            }
        }
        return 0;
    }

    private static void mark(LineRegions regions, int i, boolean[] background) {
        if (i >= 0 && i < regions.width() * regions.height() && !regions.isInk(i)) {
            background[regions.labelAt(i)] = true;
        }
    }
}
