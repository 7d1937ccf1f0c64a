package dev.colorize.ml.infer;

/** Of a page's figure regions that hints did not decide, how many took a reference's color. */
public record ReferenceMatches(int regions, int followed) {

    public static final ReferenceMatches NONE = new ReferenceMatches(0, 0);
}
