package dev.colorize.trainer.dataset.triplet;

import dev.colorize.trainer.dataset.Split;
import java.util.Map;

/** What an import of triplets wrote, as its {@link ImportManifest} and {@link AttributionFile} tell it. */
public interface TripletImportReport {

    /** The package(s) imported, by file name. */
    String source();

    String version();

    /** The drawings' licence, e.g. {@code CC BY-SA 4.0}. */
    String license();

    /** Drawings are {@code size x size}. */
    int size();

    Map<Split, Integer> drawings();

    Map<Split, Integer> pages();

    /** Authors with kept drawings per split. */
    Map<Split, Integer> authors();

    /** Drawings left out, by reason. */
    Map<String, Integer> dropped();

    double validationFraction();

    long seed();

    /** Markdown paragraphs: where the drawings come from, under which licence, and how they were changed. */
    String credit();

    /** Kept drawings per author, most first. */
    Map<String, Integer> drawingsByAuthor();

    /** The split an author's drawings went to, as the attribution's table says it. */
    String splitOf(String author);
}
