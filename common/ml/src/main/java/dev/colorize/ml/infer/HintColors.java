package dev.colorize.ml.infer;

import org.opencv.core.Mat;

/** Hinted colors take precedence over the prediction in the flat fill: the region under a hint dot takes its color. */
final class HintColors {

    private static final int OPAQUE = 128;

    private HintColors() {}

    /** {@code hints}: BGRA of the page's aspect at any size; {@code colors}: packed 0xRRGGBB per region. */
    static void apply(Mat hints, FlatFill.Regions regions, int[] colors) {
        byte[] bgra = new byte[hints.rows() * hints.cols() * 4];
        hints.get(0, 0, bgra);
        for (int y = 0; y < hints.rows(); y++) {
            for (int x = 0; x < hints.cols(); x++) {
                int i = (y * hints.cols() + x) * 4;
                if ((bgra[i + 3] & 0xff) < OPAQUE) {
                    continue;
                }
                int px = Math.min(regions.width() - 1, (int) ((x + 0.5) * regions.width() / hints.cols()));
                int py = Math.min(regions.height() - 1, (int) ((y + 0.5) * regions.height() / hints.rows()));
                int label = regions.label(px, py);
                if (label > 0 && !regions.isTiny(label)) {
                    colors[label] = (bgra[i + 2] & 0xff) << 16 | (bgra[i + 1] & 0xff) << 8 | (bgra[i] & 0xff);
                }
            }
        }
    }
}
