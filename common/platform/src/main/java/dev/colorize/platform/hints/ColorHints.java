package dev.colorize.platform.hints;

import dev.colorize.platform.messaging.Message;
import dev.colorize.platform.messaging.MessageCodec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A page's color hints as points, the {@code .hints.json} object the ingest service stores (palette names already
 * resolved to colors, every radius given) and the worker draws as dots on the page:
 * {@code {"schemaVersion":1,"points":[{"x":120,"y":80,"color":"#d03030","radius":4}]}}, in page pixels.
 */
public record ColorHints(int schemaVersion, List<Point> points) {

    public static final int SCHEMA_VERSION = 1;

    /** The longest palette name a point may give instead of a color (and a palette may hold). */
    public static final int MAX_NAME_LENGTH = 100;

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** Whether {@code text} is a color as hints and palettes write it: #rrggbb. */
    public static boolean isColor(String text) {
        return text != null && COLOR.matcher(text).matches();
    }

    /** A dot of {@code color} (#rrggbb) centered at (x, y), {@code radius} pixels of the page. */
    public record Point(double x, double y, String color, double radius) {

        /** The color packed as 0xRRGGBB. */
        public int rgb() {
            return Integer.parseInt(color.substring(1), 16);
        }
    }

    public ColorHints {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "ColorHints");
        points = List.copyOf(points);
    }

    public static ColorHints of(List<Point> points) {
        return new ColorHints(SCHEMA_VERSION, points);
    }

    public String toJson() {
        return MessageCodec.toJson(this);
    }

    /** Reads stored hints; unreadable ones or another schema version are an UnsupportedMessageException. */
    public static ColorHints parse(String json) {
        return MessageCodec.fromJson(json, ColorHints.class);
    }
}
