package dev.colorize.trainer.dataset.openmoji;

import dev.colorize.trainer.dataset.Split;
import dev.colorize.trainer.dataset.triplet.TripletImportReport;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What an OpenMoji import wrote.
 *
 * @param drawings kept drawings per split
 * @param pages composed pages per split
 * @param authors authors with kept drawings per split
 * @param dropped drawings left out, by reason (see {@link DrawingFilter})
 * @param drawingsByAuthor kept drawings per author, most first
 * @param splitByAuthor each author's split
 */
public record OpenMojiImportReport(String source, String version, int size, Map<Split, Integer> drawings,
        Map<Split, Integer> pages, Map<Split, Integer> authors, Map<String, Integer> dropped,
        Map<String, Integer> drawingsByAuthor, Map<String, Split> splitByAuthor, double validationFraction, long seed,
        Duration elapsed) implements TripletImportReport {

    public static final String LICENSE = "CC BY-SA 4.0";

    @Override
    public String license() {
        return LICENSE;
    }

    @Override
    public String credit() {
        return "The drawings in this dataset, and the composed pages made of them, are rendered from OpenMoji " + version
                + " (https://openmoji.org), the open-source emoji and icon project of HfG Schwäbisch Gmünd, licensed under "
                + LICENSE + " (https://creativecommons.org/licenses/by-sa/4.0/).\n"
                + "They were changed: split into line-art, flat-color and composite layers, rasterized at " + size + "x"
                + size + " px and arranged into pages. This dataset is shared under the same license.";
    }

    @Override
    public String splitOf(String author) {
        return splitByAuthor.get(author).column();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "OpenMoji %s at %dx%d: drawings train %d, validation %d; authors train %d, validation %d; "
                        + "pages train %d, validation %d; dropped %s; %.1f s",
                version, size, size, drawings.get(Split.TRAIN), drawings.get(Split.VALIDATION),
                authors.get(Split.TRAIN), authors.get(Split.VALIDATION), pages.get(Split.TRAIN),
                pages.get(Split.VALIDATION), dropped, elapsed.toMillis() / 1000.0);
    }
}
