package dev.colorize.trainer.dataset.openmoji;

import dev.colorize.trainer.dataset.triplet.DrawingTriplet;
import dev.colorize.trainer.dataset.triplet.Pixels;
import dev.colorize.trainer.dataset.triplet.SvgRasterizer;
import java.awt.image.BufferedImage;
import java.io.IOException;

/** Renders an OpenMoji color SVG into its {@link DrawingTriplet}: three Batik renders composited on white. */
public final class TripletRenderer {

    private final SvgRasterizer rasterizer = new SvgRasterizer();

    public DrawingTriplet render(String colorSvg, int width, int height) throws IOException {
        BufferedImage full = rasterizer.render(colorSvg, SvgLayer.COLOR::strip, width, height);
        BufferedImage flats = rasterizer.render(colorSvg, SvgLayer.FLATS::strip, width, height);
        BufferedImage lines = rasterizer.render(colorSvg, SvgLayer.LINES::strip, width, height);
        return new DrawingTriplet(Pixels.grayOnWhite(lines), Pixels.rgbOnWhite(flats), Pixels.rgbOnWhite(full),
                Pixels.coverage(full));
    }
}
