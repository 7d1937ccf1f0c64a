package dev.colorize.platform.coloring;

/**
 * How much of a page's coloring followed its series' references: of the page's {@code regions} (closed regions of its
 * flats, paper excluded), {@code followed} took a reference's color.
 */
public record ReferenceUse(int regions, int followed) {

    public ReferenceUse {
        if (regions < 0 || followed < 0 || followed > regions) {
            throw new IllegalArgumentException("followed " + followed + " of " + regions + " regions");
        }
    }
}
