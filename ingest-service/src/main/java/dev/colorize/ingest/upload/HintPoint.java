package dev.colorize.ingest.upload;

/**
 * One hint point as the publisher sent it, checked: inside its page, with either a color ({@code #rrggbb},
 * lower case) or the name of an entry of the series palette, and its radius in page pixels.
 */
public record HintPoint(double x, double y, String color, String name, double radius) {
}
