package dev.colorize.platform.coloring;

import java.util.Objects;
import java.util.UUID;

/**
 * One piece of reference art of a series, as a page's coloring follows it: a colored page or character sheet, and its
 * line art when the publisher gave it (else the worker extracts the lines from the colored image).
 *
 * @param id         the reference's id within its series
 * @param coloredKey object key of the colored image
 * @param linesKey   object key of its line art, or null
 */
public record SeriesReference(UUID id, String coloredKey, String linesKey) {

    public SeriesReference {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(coloredKey, "coloredKey");
    }
}
