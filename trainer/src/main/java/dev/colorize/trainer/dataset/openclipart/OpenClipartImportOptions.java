package dev.colorize.trainer.dataset.openclipart;

/**
 * @param size drawings are rendered {@code size x size}
 * @param validationFraction share of authors (by hash) held out
 * @param maxLayerError a drawing is kept when lines x flats stays within this mean absolute error (of 255)
 *     of the drawing itself
 * @param limit at most this many drawings (in path order, after the content checks); 0: all
 * @param threads rendering threads
 */
public record OpenClipartImportOptions(int size, double validationFraction, double maxLayerError, int limit,
        int threads) {

    public static OpenClipartImportOptions defaults() {
        return new OpenClipartImportOptions(256, 0.1, 3.0, 0, Runtime.getRuntime().availableProcessors());
    }

    public OpenClipartImportOptions {
        if (size < 8 || !(validationFraction >= 0 && validationFraction <= 1) || limit < 0 || threads < 1) {
            throw new IllegalArgumentException("invalid options: size " + size + ", validation " + validationFraction
                    + ", limit " + limit + ", threads " + threads);
        }
    }
}
