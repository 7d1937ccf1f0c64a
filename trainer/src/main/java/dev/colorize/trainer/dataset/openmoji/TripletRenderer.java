package dev.colorize.trainer.dataset.openmoji;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** Renders an OpenMoji color SVG into its {@link DrawingTriplet}: three Batik renders composited on white. */
public final class TripletRenderer {

    private final SvgRasterizer rasterizer = new SvgRasterizer();

    public DrawingTriplet render(String colorSvg, int width, int height) throws IOException {
        BufferedImage full = rasterizer.render(colorSvg, SvgLayer.COLOR, width, height);
        BufferedImage flats = rasterizer.render(colorSvg, SvgLayer.FLATS, width, height);
        BufferedImage lines = rasterizer.render(colorSvg, SvgLayer.LINES, width, height);
        return new DrawingTriplet(Pixels.grayOnWhite(lines), Pixels.rgbOnWhite(flats), Pixels.rgbOnWhite(full),
                Pixels.coverage(full));
    }
}
