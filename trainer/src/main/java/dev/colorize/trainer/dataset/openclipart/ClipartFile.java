package dev.colorize.trainer.dataset.openclipart;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One clip-art SVG file: its dataset name (the path under the package, {@code category-file}) and author. */
record ClipartFile(String name, Path path) {

    private static final Pattern CREATOR = Pattern.compile(
            "<dc:creator>\\s*<cc:Agent>\\s*<dc:title>([^<]*)</dc:title>");

    /** The creator in the file's Dublin Core metadata, as Inkscape writes it; else null. */
    static String author(String svg) {
        Matcher m = CREATOR.matcher(svg);
        if (m.find() && !m.group(1).isBlank()) {
            return m.group(1).strip();
        }
        return null;
    }
}
