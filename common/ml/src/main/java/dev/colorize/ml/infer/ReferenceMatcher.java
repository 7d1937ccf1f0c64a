package dev.colorize.ml.infer;

import java.util.Arrays;
import java.util.List;

/**
 * Reference-guided flats: each figure region of a page takes the true color of the reference region it matches, when
 * the match is confident; elsewhere the network's vote stands. A match is the nearest reference region by
 * {@link RegionDescriptors} distance: what the network read over the region (its last decoder layer's features as
 * the region stands out of its page, {@link RegionFeatures#pooled}, compared by cosine), the color it predicts, the region's place in its figure
 * and its share of it, each scaled by how much it varies between drawings of one part. Confident when it is near
 * ({@link #MAX_DISTANCE}) and clearly nearer than the nearest region of another color ({@link #RATIO}): a region
 * halfway between the hair and the shirt keeps the network's color rather than guessing. Hints and palette colors
 * decide their regions before and are not matched.
 */
final class ReferenceMatcher {

    /** How far, in each feature's unit, two drawings of one part typically differ. */
    static final float READ_SCALE = 0.5f;
    static final float PLACE_SCALE = 0.25f;
    static final float SHARE_SCALE = 1.5f;
    static final float MAX_DISTANCE = 2.0f;
    static final float RATIO = 0.85f;
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

    /** The confidently matched reference color of descriptor {@code k}, or {@link FlatFill#KEEP_PREDICTION}. */
    static int match(RegionDescriptors page, int k, List<ReferenceArt> references) {
        float best = Float.MAX_VALUE;
        int bestColor = FlatFill.KEEP_PREDICTION;
        int[] seenColors = new int[0];
        float[] nearestOfColor = new float[0];
        for (ReferenceArt reference : references) {
            RegionDescriptors theirs = reference.regions();
            for (int j = 0; j < theirs.size(); j++) {
                float d = distance(page.features(), k, page.read()[k], theirs.features(), j, theirs.read()[j]);
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
        if (best > MAX_DISTANCE) {
            return FlatFill.KEEP_PREDICTION;
        }
        int mine = indexOfColor(seenColors, bestColor);
        for (int c = 0; c < seenColors.length; c++) {
            if (c != mine && best > RATIO * nearestOfColor[c]) {
                return FlatFill.KEEP_PREDICTION;
            }
        }
        return bestColor;
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

    /** Descriptor i of {@code a} (read {@code readA}) against j of {@code b}; reads count when both are known. */
    static float distance(float[] a, int i, float[] readA, float[] b, int j, float[] readB) {
        int x = i * RegionDescriptors.WIDTH;
        int y = j * RegionDescriptors.WIDTH;
        float dx = (a[x] - b[y]) / PLACE_SCALE;
        float dy = (a[x + 1] - b[y + 1]) / PLACE_SCALE;
        float ds = (a[x + 2] - b[y + 2]) / SHARE_SCALE;
        float sum = dx * dx + dy * dy + ds * ds;
        if (readA != null && readB != null) {
            float cosine = 0;
            for (int c = 0; c < readA.length; c++) {
                cosine += readA[c] * readB[c];
            }
            float dr = (1 - cosine) / READ_SCALE;
            sum += dr * dr;
        }
        return (float) Math.sqrt(sum);
    }
}
