package dev.colorize.trainer.dataset.openclipart;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SVG paint value ({@code fill} or {@code stroke}) as far as splitting ink from color needs it: a color
 * in {@code #rgb}, {@code #rrggbb}, {@code rgb(r, g, b)} or one of the basic named colors; anything else
 * ({@code none}, {@code url(...)}, {@code currentColor}, rarer names) is no color.
 */
final class Paint {

    /** Luma below this, with little chroma, is ink: black and the near-black grays of outlines. */
    static final int INK_LUMA = 64;
    private static final int INK_CHROMA = 48;
    private static final Pattern RGB = Pattern.compile("rgb\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    private static final Map<String, Integer> NAMED = Map.ofEntries(Map.entry("black", 0x000000),
            Map.entry("white", 0xFFFFFF), Map.entry("red", 0xFF0000), Map.entry("green", 0x008000),
            Map.entry("blue", 0x0000FF), Map.entry("yellow", 0xFFFF00), Map.entry("gray", 0x808080),
            Map.entry("grey", 0x808080), Map.entry("silver", 0xC0C0C0), Map.entry("maroon", 0x800000),
            Map.entry("purple", 0x800080), Map.entry("fuchsia", 0xFF00FF), Map.entry("lime", 0x00FF00),
            Map.entry("olive", 0x808000), Map.entry("navy", 0x000080), Map.entry("teal", 0x008080),
            Map.entry("aqua", 0x00FFFF), Map.entry("orange", 0xFFA500));

    private Paint() {}

    /** The RGB of a paint value, when it is a plain color. */
    static Optional<Integer> rgb(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.matches("#[0-9a-f]{6}")) {
            return Optional.of(Integer.parseInt(v.substring(1), 16));
        }
        if (v.matches("#[0-9a-f]{3}")) {
            int r = Character.digit(v.charAt(1), 16);
            int g = Character.digit(v.charAt(2), 16);
            int b = Character.digit(v.charAt(3), 16);
            return Optional.of((r * 17) << 16 | (g * 17) << 8 | b * 17);
        }
        Matcher m = RGB.matcher(v);
        if (m.matches()) {
            return Optional.of(Math.min(255, Integer.parseInt(m.group(1))) << 16
                    | Math.min(255, Integer.parseInt(m.group(2))) << 8 | Math.min(255, Integer.parseInt(m.group(3))));
        }
        return Optional.ofNullable(NAMED.get(v));
    }

    /** Near-black and nearly gray: what an outline is inked in. */
    static boolean isInk(String value) {
        return rgb(value).filter(Paint::isInk).isPresent();
    }

    static boolean isInk(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        int luma = (299 * r + 587 * g + 114 * b) / 1000;
        return luma < INK_LUMA && Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) < INK_CHROMA;
    }

    /** A plain color that is not ink: a fill or stroke of the flats. */
    static boolean isColor(String value) {
        return rgb(value).filter(rgb -> !isInk(rgb)).isPresent();
    }
}
