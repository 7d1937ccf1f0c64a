package dev.colorize.trainer.dataset.openmoji;

import dev.colorize.trainer.dataset.Split;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(author.getBytes(StandardCharsets.UTF_8));
            return Split.of(hash, validationFraction);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
