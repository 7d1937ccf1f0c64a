package dev.colorize.trainer.dataset.triplet;

import java.awt.image.BufferedImage;

/**
 * How well a triplet decomposes: the composite should equal lines x flats (multiply blend). For black line
 * art painted over the fills this holds to rounding, antialiased edges included; it fails where paint lies
 * over the lines ({@code color-foreground}, fills above the {@code line} group) or where black paint is
 * not part of the line layer.
 */
public final class TripletAlignment {

    private TripletAlignment() {}

    /** Mean absolute difference between lines x flats and color, over pixels and channels, in 0..255. */
    public static double meanAbsoluteError(BufferedImage lines, BufferedImage flats, BufferedImage color) {
        long sum = 0;
        int w = color.getWidth();
        int h = color.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sum += difference(Pixels.multiply(flats.getRGB(x, y), Pixels.gray(lines, x, y)), color.getRGB(x, y));
            }
        }
        return sum / (3.0 * w * h);
    }

    /** Share of pixels where lines x flats and color differ by more than {@code tolerance} in some channel. */
    public static double mismatchedFraction(BufferedImage lines, BufferedImage flats, BufferedImage color, int tolerance) {
        long bad = 0;
        int w = color.getWidth();
        int h = color.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (Pixels.maxChannelDifference(Pixels.multiply(flats.getRGB(x, y), Pixels.gray(lines, x, y)), color.getRGB(x, y)) > tolerance) {
                    bad++;
                }
            }
        }
        return bad / (double) (w * h);
    }

    public static double meanAbsoluteError(DrawingTriplet t) {
        return meanAbsoluteError(t.lines(), t.flats(), t.color());
    }

    public static double mismatchedFraction(DrawingTriplet t, int tolerance) {
        return mismatchedFraction(t.lines(), t.flats(), t.color(), tolerance);
    }

    private static int difference(int a, int b) {
        return Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)) + Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF))
                + Math.abs((a & 0xFF) - (b & 0xFF));
    }
}
