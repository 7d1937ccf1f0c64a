package dev.colorize.trainer.dataset.openclipart;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a clip-art file holds that does not split into ink and flat colors: gradients and patterns (shading,
 * not flats), embedded images, text (letters are neither outline nor region), filters and masks (their
 * pixels are not the paints the split repaints), and style sheets (classes paint what the split cannot
 * see). Read from the file's text: a definition left unused still drops the file, which costs a few
 * drawings and never lets one through.
 */
final class ClipartContent {

    static final String GRADIENT = "gradient";
    static final String IMAGE = "image";
    static final String TEXT = "text";
    static final String FILTER = "filter";
    static final String MASK = "mask";
    static final String STYLE_SHEET = "style-sheet";

    private record Rule(String reason, Pattern pattern) {}

    private static final List<Rule> RULES = List.of(
            new Rule(GRADIENT, element("linearGradient|radialGradient|pattern")),
            new Rule(IMAGE, element("image")),
            new Rule(TEXT, element("text|flowRoot")),
            new Rule(FILTER, element("filter")),
            new Rule(MASK, element("mask")),
            new Rule(STYLE_SHEET, element("style")));

    private ClipartContent() {}

    static Optional<String> unsupported(String svg) {
        return RULES.stream().filter(r -> r.pattern().matcher(svg).find()).map(Rule::reason).findFirst();
    }

    /** An opening tag of one of the elements, with or without a namespace prefix. */
    private static Pattern element(String names) {
        return Pattern.compile("<(\\w+:)?(" + names + ")[\\s>/]");
    }
}
