package dev.colorize.trainer.dataset.fluent;

/**
 * @param size drawings are rendered {@code size x size}
 * @param validationFraction share of names (by hash) held out
 * @param minInkOnEdges a pair is kept when at least this share of its ink lies on the Flat drawing's edges
 *     or dark regions ({@link dev.colorize.trainer.dataset.triplet.InkOnEdges})
 * @param limit at most this many pairs (in name order); 0: all
 * @param threads rendering threads
 */
public record FluentImportOptions(int size, double validationFraction, double minInkOnEdges, int limit, int threads) {

    public static FluentImportOptions defaults() {
        return new FluentImportOptions(256, 0.1, 0.9, 0, Runtime.getRuntime().availableProcessors());
    }

    public FluentImportOptions {
        if (size < 8 || !(validationFraction >= 0 && validationFraction <= 1) || limit < 0 || threads < 1) {
            throw new IllegalArgumentException("invalid options: size " + size + ", validation " + validationFraction
                    + ", limit " + limit + ", threads " + threads);
        }
    }

    /** Ink may lie this far from an edge: two units of the 32-unit grid, a High Contrast outline's width. */
    public int alignmentRadius() {
        return Math.max(1, Math.round(size / 16f));
    }
}
