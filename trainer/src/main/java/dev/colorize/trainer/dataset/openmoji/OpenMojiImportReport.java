package dev.colorize.trainer.dataset.openmoji;

import dev.colorize.trainer.dataset.Split;
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
        Duration elapsed) {

    public static final String LICENSE = "CC BY-SA 4.0";

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
