package dev.colorize.trainer.dataset.triplet;

import java.awt.image.BufferedImage;

/**
 * Whether line art drawn apart from its colors lines up with them: the share of the line layer's dark
 * pixels that lie, within a small radius, on an edge of the colored drawing (a color change, the drawing's
 * outline against white) or on a dark region of it (black hair, pupils). Ink that is shifted, scaled or
 * drawn over the middle of a light region (a solid black shape where the colors have an orange disc) is
 * not supported.
 */
public final class InkOnEdges {

    /** A channel step above this between neighbours is an edge of the colored drawing. */
    private static final int EDGE_STEP = 40;
    /** Luma below this is a dark region, which ink may fill. */
    private static final int DARK_FILL = 100;

    private InkOnEdges() {}

    /** Share of dark line pixels within {@code radius} px of an edge or dark pixel of {@code color}; 1 without ink. */
    public static double supportedShare(BufferedImage lines, BufferedImage color, int radius) {
        int w = color.getWidth();
        int h = color.getHeight();
        boolean[] support = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = color.getRGB(x, y);
                int i = y * w + x;
                support[i] |= Pixels.luma(rgb) < DARK_FILL;
                if (x + 1 < w && Pixels.maxChannelDifference(rgb, color.getRGB(x + 1, y)) > EDGE_STEP) {
                    support[i] = support[i + 1] = true;
                }
                if (y + 1 < h && Pixels.maxChannelDifference(rgb, color.getRGB(x, y + 1)) > EDGE_STEP) {
                    support[i] = support[i + w] = true;
                }
            }
        }
        boolean[] near = dilate(support, w, h, radius);
        byte[] gray = Pixels.grayBytes(lines);
        long ink = 0;
        long supported = 0;
        for (int i = 0; i < gray.length; i++) {
            if ((gray[i] & 0xFF) < Pixels.DARK) {
                ink++;
                if (near[i]) {
                    supported++;
                }
            }
        }
        return ink == 0 ? 1 : supported / (double) ink;
    }

    /** Square dilation, one row pass and one column pass. */
    private static boolean[] dilate(boolean[] mask, int w, int h, int r) {
        boolean[] rows = new boolean[mask.length];
        for (int y = 0; y < h; y++) {
            int last = Integer.MIN_VALUE / 2;
            for (int x = 0; x < w + r; x++) {
                if (x < w && mask[y * w + x]) {
                    last = x;
                }
                int target = x - r;
                if (target >= 0) {
                    // covered by a set pixel in [target - r, target + r]: the last one seen up to x
                    rows[y * w + target] = last >= target - r;
                }
            }
        }
        boolean[] out = new boolean[mask.length];
        for (int x = 0; x < w; x++) {
            int last = Integer.MIN_VALUE / 2;
            for (int y = 0; y < h + r; y++) {
                if (y < h && rows[y * w + x]) {
                    last = y;
                }
                int target = y - r;
                if (target >= 0) {
                    out[target * w + x] = last >= target - r;
                }
            }
        }
        return out;
    }
}
