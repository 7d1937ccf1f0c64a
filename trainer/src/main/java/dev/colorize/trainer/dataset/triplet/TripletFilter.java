package dev.colorize.trainer.dataset.triplet;

import java.util.Optional;

/**
 * Which rendered triplets make poor training data, and why: near-empty drawings (flats under 3% non-white,
 * or lines under 0.5% dark) and drawings whose composite is not lines x flats (paint over the line layer),
 * which would teach a wrong decomposition.
 */
public final class TripletFilter {

    public static final String NEAR_EMPTY_FLATS = "near-empty-flats";
    public static final String NEAR_EMPTY_LINES = "near-empty-lines";
    public static final String NOT_SEPARABLE = "layers-not-separable";
    public static final String RENDER_ERROR = "render-error";

    private final double minFlatsCoverage;
    private final double minLinesCoverage;
    private final double maxAlignmentError;

    public TripletFilter(double minFlatsCoverage, double minLinesCoverage, double maxAlignmentError) {
        this.minFlatsCoverage = minFlatsCoverage;
        this.minLinesCoverage = minLinesCoverage;
        this.maxAlignmentError = maxAlignmentError;
    }

    /**
     * 3% non-white flats, 0.5% dark lines, mean |lines x flats - color| at most 0.1 (of 255). On OpenMoji 17
     * at 256 px, drawings without paint over the lines stay below 0.05 (rounding); above 0.1 are the 46
     * with large {@code color-foreground} strokes or fills over the line group.
     */
    public static TripletFilter standard() {
        return new TripletFilter(0.03, 0.005, 0.1);
    }

    public Optional<String> byPixels(DrawingTriplet triplet) {
        if (nonWhiteFraction(triplet) < minFlatsCoverage) {
            return Optional.of(NEAR_EMPTY_FLATS);
        }
        if (darkFraction(triplet) < minLinesCoverage) {
            return Optional.of(NEAR_EMPTY_LINES);
        }
        if (TripletAlignment.meanAbsoluteError(triplet) > maxAlignmentError) {
            return Optional.of(NOT_SEPARABLE);
        }
        return Optional.empty();
    }

    public static double nonWhiteFraction(DrawingTriplet t) {
        int w = t.width();
        int h = t.height();
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!Pixels.isWhite(t.flats().getRGB(x, y))) {
                    n++;
                }
            }
        }
        return n / (double) (w * h);
    }

    public static double darkFraction(DrawingTriplet t) {
        long n = 0;
        byte[] gray = Pixels.grayBytes(t.lines());
        for (byte g : gray) {
            if ((g & 0xFF) < Pixels.DARK) {
                n++;
            }
        }
        return n / (double) gray.length;
    }
}
