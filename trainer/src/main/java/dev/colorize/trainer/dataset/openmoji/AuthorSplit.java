package dev.colorize.trainer.dataset.openmoji;

import dev.colorize.platform.hashing.Sha256;
import dev.colorize.trainer.dataset.Split;

/**
 * Train or validation by author: the SHA-256 of the author's name (UTF-8) through {@link Split#of}, so
 * all of an author's drawings fall on one side, and the side never changes as drawings or authors are
 * added.
 */
public final class AuthorSplit {

    private final double validationFraction;

    public AuthorSplit(double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new IllegalArgumentException("validation fraction must lie in [0, 1]: " + validationFraction);
        }
        this.validationFraction = validationFraction;
    }

    public Split of(OpenMojiDrawing drawing) {
        return ofAuthor(drawing.author());
    }

    public Split ofAuthor(String author) {
        return Split.of(Sha256.digest(author), validationFraction);
    }
}
