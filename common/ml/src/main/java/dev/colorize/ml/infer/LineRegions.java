package dev.colorize.ml.infer;

import org.opencv.core.Rect;

/**
 * The regions of a page's line art, as a flatter sees them: every pixel, ink included, carries the label of
 * one region (ink takes the region it borders, so flats run under the lines). Labels are 1..count-1; 0 only
 * on a page that is all ink. Hints may split a region: {@link #addLabel} gives the part a label of its own.
 */
public final class LineRegions {

    private final int width;
    private final int height;
    private final int[] labels;
    private final boolean[] ink;
    /** Off the ink and at least the core margin away from it: where a region's color is voted. */
    private final boolean[] core;
    private int count;
    private int[] areas;

    LineRegions(int width, int height, int[] labels, boolean[] ink, boolean[] core, int count) {
        this.width = width;
        this.height = height;
        this.labels = labels;
        this.ink = ink;
        this.core = core;
        this.count = count;
        this.areas = new int[count];
        for (int i = 0; i < labels.length; i++) {
            if (!ink[i]) {
                areas[labels[i]]++;
            }
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Number of labels, 0 included. */
    public int count() {
        return count;
    }

    /** The region of pixel (x, y). */
    public int label(int x, int y) {
        return labels[y * width + x];
    }

    int labelAt(int index) {
        return labels[index];
    }

    boolean isInk(int index) {
        return ink[index];
    }

    boolean isCore(int index) {
        return core[index];
    }

    /** Pixels of the region off the ink. */
    public int area(int label) {
        return areas[label];
    }

    /** A new label for the given pixels (all of one region); returns it. */
    int addLabel(int[] pixels, int length) {
        int label = count++;
        if (count > areas.length) {
            areas = java.util.Arrays.copyOf(areas, 2 * count); // amortised: a page may gain thousands of parts
        }
        for (int k = 0; k < length; k++) {
            int i = pixels[k];
            if (!ink[i]) {
                areas[labels[i]]--;
                areas[label]++;
            }
            labels[i] = label;
        }
        return label;
    }

    /** Where the regions touch through open paper, not across ink. */
    PaperContacts contacts() {
        return PaperContacts.of(labels, ink, count, width);
    }

    /** Joins each region into {@code rootOf[label]} (a root maps to itself); the joined labels are left empty. */
    void join(int[] rootOf) {
        java.util.Arrays.fill(areas, 0);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rootOf[labels[i]];
            if (!ink[i]) {
                areas[labels[i]]++;
            }
        }
    }

    /** Each label's bounding box over its pixels (ink included); null for a label without pixels. */
    Rect[] boundingBoxes() {
        int[] minX = new int[count];
        int[] minY = new int[count];
        int[] maxX = new int[count];
        int[] maxY = new int[count];
        java.util.Arrays.fill(minX, Integer.MAX_VALUE);
        java.util.Arrays.fill(minY, Integer.MAX_VALUE);
        java.util.Arrays.fill(maxX, -1);
        java.util.Arrays.fill(maxY, -1);
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                int l = labels[i];
                minX[l] = Math.min(minX[l], x);
                maxX[l] = Math.max(maxX[l], x);
                minY[l] = Math.min(minY[l], y);
                maxY[l] = Math.max(maxY[l], y);
            }
        }
        Rect[] boxes = new Rect[count];
        for (int l = 0; l < count; l++) {
            if (maxX[l] >= 0) {
                boxes[l] = new Rect(minX[l], minY[l], maxX[l] - minX[l] + 1, maxY[l] - minY[l] + 1);
            }
        }
        return boxes;
    }
}
