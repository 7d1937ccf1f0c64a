package dev.colorize.ml.infer;

import org.opencv.core.Mat;

/**
 * Hinted colors take precedence over the prediction in the flat fill: the region under a hint dot takes
 * its color. Not the background (a region touching the page's edge) nor a region wider than
 * {@link #MAX_REGION_SHARE} of the page: a dot there would repaint everything an open outline lets it
 * reach; the network still sees the hint.
 */
final class HintColors {

    private static final int OPAQUE = 128;
    static final double MAX_REGION_SHARE = 0.05;

    private HintColors() {}

    /**
     * {@code hints}: BGRA of the page's aspect at any size; {@code colors}: packed 0xRRGGBB per region,
     * overwritten for hinted regions, which are marked in {@code hinted}.
     */
    static void apply(Mat hints, FlatFill.Regions regions, int[] colors, boolean[] hinted) {
        byte[] bgra = new byte[hints.rows() * hints.cols() * 4];
        hints.get(0, 0, bgra);
        boolean[] open = openRegions(regions);
        for (int y = 0; y < hints.rows(); y++) {
            for (int x = 0; x < hints.cols(); x++) {
                int i = (y * hints.cols() + x) * 4;
                if ((bgra[i + 3] & 0xff) < OPAQUE) {
                    continue;
                }
                int px = Math.min(regions.width() - 1, (int) ((x + 0.5) * regions.width() / hints.cols()));
                int py = Math.min(regions.height() - 1, (int) ((y + 0.5) * regions.height() / hints.rows()));
                int label = regions.label(px, py);
                if (label > 0 && !regions.isTiny(label) && !open[label]) {
                    colors[label] = (bgra[i + 2] & 0xff) << 16 | (bgra[i + 1] & 0xff) << 8 | (bgra[i] & 0xff);
                    hinted[label] = true;
                }
            }
        }
    }

    /** Regions touching the page's edge, or too large to be one object's flat. */
    private static boolean[] openRegions(FlatFill.Regions regions) {
        boolean[] open = new boolean[regions.count()];
        int w = regions.width();
        int h = regions.height();
        for (int x = 0; x < w; x++) {
            open[regions.label(x, 0)] = true;
            open[regions.label(x, h - 1)] = true;
        }
        for (int y = 0; y < h; y++) {
            open[regions.label(0, y)] = true;
            open[regions.label(w - 1, y)] = true;
        }
        for (int label = 1; label < open.length; label++) {
            open[label] |= regions.area(label) > MAX_REGION_SHARE * w * h;
        }
        return open;
    }
}
