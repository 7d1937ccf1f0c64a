package dev.colorize.ml.infer;

import java.util.Arrays;
import java.util.List;

/**
 * Reference-guided flats: each figure region of a page takes the true color of the reference region it matches, when
 * the match is confident; elsewhere the network's vote stands. A match is the nearest reference region by
 * {@link RegionDescriptors#distance}: what the network read over the region (its last decoder layer's features and a
 * coarser level's context as the region stands out of its page, {@link RegionFeatures#pooled}), the region's place in
 * its figure and its share of it, compared in the model's learned {@link RegionMetric} where it is confident, else
 * with hand-set scales. Confident when it is near
 * ({@link RegionMetric#maxDistance}) and clearly nearer than the nearest region of another color
 * ({@link RegionMetric#ratio}): a region halfway between the hair and the shirt keeps the network's color rather than
 * guessing. Hints and palette colors decide their regions before and are not matched.
 */
final class ReferenceMatcher {

    /** Reference colors closer than this (Euclidean, 8-bit RGB) count as one color. */
    static final int SAME_COLOR_RGB_DISTANCE = 24;

    private ReferenceMatcher() {}

    /**
     * Sets {@code followed[label]} to the matched reference color of every confidently matched figure region that
     * hints did not decide ({@code decided[label]} {@link FlatFill#KEEP_PREDICTION}).
     */
    static ReferenceMatches follow(RegionDescriptors page, int[] decided, int[] followed,
            List<ReferenceArt> references) {
        int matched = 0;
        int regions = 0;
        for (int k = 0; k < page.size(); k++) {
            int label = page.labels()[k];
            if (decided[label] != FlatFill.KEEP_PREDICTION) {
                continue;
            }
            regions++;
            int color = match(page, k, references);
            if (color != FlatFill.KEEP_PREDICTION) {
                followed[label] = color;
                matched++;
            }
        }
        return new ReferenceMatches(regions, matched);
    }

    /**
     * The confidently matched reference color of descriptor {@code k}, or {@link FlatFill#KEEP_PREDICTION}: by the
     * page's learned metric where it is confident (it follows wrongly far less), else by the hand-set one (it follows
     * more of a character's parts, and holds on line art unlike the chapters the metric was fitted on). Measured
     * against either alone, and against asking the two to agree, in docs/QUALITY.md.
     */
    static int match(RegionDescriptors page, int k, List<ReferenceArt> references) {
        if (page.metric() != RegionMetric.HAND_SET && page.points()[k] != null) {
            Nearest learned = nearest(page, k, references, page.metric());
            if (learned.confident()) {
                return learned.color();
            }
        }
        Nearest handSet = nearest(page, k, references, RegionMetric.HAND_SET);
        return handSet.confident() ? handSet.color() : FlatFill.KEEP_PREDICTION;
    }

    /** The nearest reference region's color ({@link FlatFill#KEEP_PREDICTION}: none) and whether it is confident. */
    private record Nearest(int color, boolean confident) {}

    /** The nearest in {@code metric} alone; reference regions it cannot place are left out. */
    private static Nearest nearest(RegionDescriptors page, int k, List<ReferenceArt> references, RegionMetric metric) {
        float best = Float.MAX_VALUE;
        int bestColor = FlatFill.KEEP_PREDICTION;
        int[] seenColors = new int[0];
        float[] nearestOfColor = new float[0];
        for (ReferenceArt reference : references) {
            RegionDescriptors theirs = reference.regions();
            for (int j = 0; j < theirs.size(); j++) {
                if (metric != RegionMetric.HAND_SET && page.metricWith(k, theirs, j) != metric) {
                    continue;
                }
                float d = page.distance(k, theirs, j, metric);
                int color = reference.color(j);
                int c = indexOfColor(seenColors, color);
                if (c < 0) {
                    seenColors = Arrays.copyOf(seenColors, seenColors.length + 1);
                    nearestOfColor = Arrays.copyOf(nearestOfColor, nearestOfColor.length + 1);
                    c = seenColors.length - 1;
                    seenColors[c] = color;
                    nearestOfColor[c] = d;
                } else {
                    nearestOfColor[c] = Math.min(nearestOfColor[c], d);
                }
                if (d < best) {
                    best = d;
                    bestColor = color;
                }
            }
        }
        boolean confident = best <= metric.maxDistance();
        int mine = indexOfColor(seenColors, bestColor);
        for (int c = 0; c < seenColors.length && confident; c++) {
            confident = c == mine || best <= metric.ratio() * nearestOfColor[c];
        }
        return new Nearest(bestColor, confident);
    }

    /** The index of a color within {@link #SAME_COLOR_RGB_DISTANCE} of {@code color}, or -1. */
    private static int indexOfColor(int[] colors, int color) {
        for (int c = 0; c < colors.length; c++) {
            if (rgbDistance(colors[c], color) <= SAME_COLOR_RGB_DISTANCE) {
                return c;
            }
        }
        return -1;
    }

    static int rgbDistance(int a, int b) {
        int dr = (a >> 16 & 0xff) - (b >> 16 & 0xff);
        int dg = (a >> 8 & 0xff) - (b >> 8 & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return (int) Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
