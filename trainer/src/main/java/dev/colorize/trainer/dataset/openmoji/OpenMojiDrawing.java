package dev.colorize.trainer.dataset.openmoji;

/**
 * One OpenMoji drawing: its catalogue entry ({@code data/openmoji.csv}) and its SVGs. {@code colorSvg}
 * holds the {@code <g id="color">} fills under the artist's {@code <g id="line">} layer; {@code blackSvg}
 * (may be null) is the black-and-white edition.
 *
 * @param hexcode the file name and dataset name, e.g. {@code 1F600}
 * @param author the first of the drawing's authors, never blank
 */
public record OpenMojiDrawing(String hexcode, String group, String subgroups, String author, String colorSvg,
        String blackSvg) {

    /** The first author of a CSV author field that may name several ("A, B", "A & B", "A and B"). */
    public static String firstAuthor(String field) {
        String first = field == null ? "" : field.split(",|;|&|/| and ", 2)[0].strip();
        return first.isEmpty() ? "unknown" : first;
    }
}
