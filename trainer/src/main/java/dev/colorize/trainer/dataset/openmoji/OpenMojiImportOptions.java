package dev.colorize.trainer.dataset.openmoji;

/**
 * @param size drawings are rendered {@code size x size}
 * @param trainPages composed pages of train drawings
 * @param validationPages composed pages of validation drawings
 * @param validationFraction share of authors (by hash) held out
 * @param seed fixes the composed pages
 * @param limit at most this many drawings (after the catalogue filter, in catalogue order); 0: all
 * @param threads rendering threads
 */
public record OpenMojiImportOptions(int size, int trainPages, int validationPages, double validationFraction,
        long seed, int limit, int threads) {

    public static final int PAGE_WIDTH = 768;
    public static final int PAGE_HEIGHT = 1088;

    public static OpenMojiImportOptions defaults() {
        return new OpenMojiImportOptions(256, 400, 40, 0.1, 1, 0, Runtime.getRuntime().availableProcessors());
    }

    public OpenMojiImportOptions {
        if (size < 8 || trainPages < 0 || validationPages < 0 || limit < 0 || threads < 1) {
            throw new IllegalArgumentException("invalid options: size " + size + ", pages " + trainPages + "/"
                    + validationPages + ", limit " + limit + ", threads " + threads);
        }
    }
}
