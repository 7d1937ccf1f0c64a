package dev.colorize.trainer.dataset.fluent;

import java.util.Locale;

/** One icon of an {@link IconifySet}: an SVG body on its own view box. */
public record IconifyIcon(String name, String body, double left, double top, double width, double height,
        boolean hidden) {

    /**
     * A whole SVG document of the icon; {@code currentColor} (monochrome sets draw in it) becomes
     * {@code color}, and SVG 2's plain {@code href} (on {@code use}) SVG 1.1's {@code xlink:href}, which
     * Batik needs.
     */
    public String svg(String color) {
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                        + "viewBox=\"%s %s %s %s\" color=\"%s\">%s</svg>",
                left, top, width, height, color,
                body.replace("currentColor", color).replace(" href=\"", " xlink:href=\""));
    }

    /** Gradients paint shading, not flat colors. */
    public boolean hasGradient() {
        return body.contains("Gradient");
    }
}
