package dev.colorize.trainer.dataset.fluent;

import java.util.Locale;

/** One icon of an {@link IconifySet}: an SVG body on its own view box. */
public record IconifyIcon(String name, String body, double left, double top, double width, double height,
        boolean hidden) {

    /**
     * A whole SVG document of the icon; {@code currentColor} (monochrome sets draw in it) becomes
     * {@code color}.
     */
    public String svg(String color) {
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                        + "viewBox=\"%s %s %s %s\" color=\"%s\">%s</svg>",
                left, top, width, height, color, body.replace("currentColor", color));
    }

    /** Gradients paint shading, not flat colors. */
    public boolean hasGradient() {
        return body.contains("Gradient");
    }
}
