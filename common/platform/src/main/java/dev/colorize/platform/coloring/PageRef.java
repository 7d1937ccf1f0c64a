package dev.colorize.platform.coloring;

import java.util.Objects;
import java.util.UUID;

/**
 * One coloring of one page: revision 0 is the upload's, 1, 2, ... each recolor's. Every message, row and status
 * about a page's coloring names it by this.
 */
public record PageRef(UUID chapterId, int pageNumber, int revision) {

    public PageRef {
        Objects.requireNonNull(chapterId, "chapterId");
        if (pageNumber < 1) {
            throw new IllegalArgumentException("page numbers start at 1, got " + pageNumber);
        }
        if (revision < 0) {
            throw new IllegalArgumentException("revisions start at 0, got " + revision);
        }
    }

    /** The upload's coloring of a page. */
    public static PageRef upload(UUID chapterId, int pageNumber) {
        return new PageRef(chapterId, pageNumber, 0);
    }

    /** Whether this is a recolor (revision 1, 2, ...) rather than the upload's coloring. */
    public boolean recolor() {
        return revision > 0;
    }
}
