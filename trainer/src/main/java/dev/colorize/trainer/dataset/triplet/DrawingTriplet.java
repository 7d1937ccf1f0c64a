package dev.colorize.trainer.dataset.triplet;

import java.awt.image.BufferedImage;

/**
 * A drawing rendered three ways on white, all the same size and aligned pixel for pixel: {@code lines}
 * (8-bit gray, black lines on white), {@code flats} (RGB fills without lines) and {@code color} (RGB
 * composite, which equals lines x flats). {@code coverage} marks the pixels the drawing paints (alpha of
 * at least one half), row-major: what a drawing hides when it is pasted over another; null for a
 * composed page.
 */
public record DrawingTriplet(BufferedImage lines, BufferedImage flats, BufferedImage color, boolean[] coverage) {

    public int width() {
        return color.getWidth();
    }

    public int height() {
        return color.getHeight();
    }
}
