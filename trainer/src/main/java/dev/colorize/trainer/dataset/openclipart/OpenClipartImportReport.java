package dev.colorize.trainer.dataset.openclipart;

import dev.colorize.trainer.dataset.Split;
import dev.colorize.trainer.dataset.triplet.TripletImportReport;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What an openclipart import wrote.
 *
 * @param drawings kept drawings per split, those of an earlier run of the same import included
 * @param resumed drawings found already written and not rendered again
 * @param dropped drawings left out, by reason (see {@link OpenClipartImporter})
 * @param drawingsByAuthor kept drawings per author, most first ({@value OpenClipartImporter#UNKNOWN_AUTHOR}
 *     for files without a creator)
 * @param splitByAuthor each author's split
 */
public record OpenClipartImportReport(String source, int size, Map<Split, Integer> drawings,
        Map<Split, Integer> authors, int resumed, Map<String, Integer> dropped, Map<String, Integer> drawingsByAuthor,
        Map<String, Split> splitByAuthor, double validationFraction, Duration elapsed) implements TripletImportReport {

    public static final String LICENSE = "Public domain";

    @Override
    public String version() {
        return "Debian openclipart-svg";
    }

    @Override
    public String license() {
        return LICENSE;
    }

    @Override
    public Map<Split, Integer> pages() {
        return Map.of(Split.TRAIN, 0, Split.VALIDATION, 0);
    }

    /** The split is by author hash: no seed. */
    @Override
    public long seed() {
        return 0;
    }

    @Override
    public String splitOf(String author) {
        return splitByAuthor.get(author).column();
    }

    @Override
    public String credit() {
        return "The drawings in this dataset are rendered from the Open Clip Art Library (https://openclipart.org) as "
                + "packaged by Debian (openclipart-svg), dedicated to the public domain by their authors (Creative "
                + "Commons Public Domain Dedication). No attribution is required; the authors are listed as a courtesy.\n"
                + "They were changed: each drawing split into its near-black ink (line art) and its other colors "
                + "(flats), rasterized at " + size + "x" + size + " px.";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "openclipart at %dx%d: drawings train %d, validation %d (%d from an earlier "
                        + "run); authors train %d, validation %d; dropped %s; %.1f s", size, size,
                drawings.get(Split.TRAIN), drawings.get(Split.VALIDATION), resumed, authors.get(Split.TRAIN),
                authors.get(Split.VALIDATION), dropped, elapsed.toMillis() / 1000.0);
    }
}
