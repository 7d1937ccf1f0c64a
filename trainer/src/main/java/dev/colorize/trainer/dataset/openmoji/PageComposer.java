package dev.colorize.trainer.dataset.openmoji;

import dev.colorize.trainer.dataset.triplet.DrawingTriplet;
import dev.colorize.trainer.dataset.triplet.Pixels;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * Draws a {@link PagePlan} into an aligned page triplet. Each drawing is rendered from its SVG at its
 * placed size (crisp at any scale) and pasted where it paints (its coverage), in all three layers alike,
 * so a later drawing hides what lies under it in the lines, the flats and the composite together and
 * color = lines x flats stays true on the page. Panel frames are black, drawn last, in the lines and the
 * composite only: they are line art, not paint.
 */
public final class PageComposer {

    private final TripletRenderer renderer;

    public PageComposer(TripletRenderer renderer) {
        this.renderer = renderer;
    }

    /** The page's triplet; its coverage is null (a page covers itself). */
    public DrawingTriplet compose(PagePlan plan) throws IOException {
        PageLayout layout = plan.layout();
        int w = layout.width();
        int h = layout.height();
        BufferedImage lines = filled(w, h, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage flats = filled(w, h, BufferedImage.TYPE_INT_RGB);
        BufferedImage color = filled(w, h, BufferedImage.TYPE_INT_RGB);
        byte[] pageGray = Pixels.grayBytes(lines);
        for (PagePlan.Placement p : plan.placements()) {
            DrawingTriplet d = renderer.render(p.drawing().colorSvg(), p.size(), p.size());
            byte[] drawingGray = Pixels.grayBytes(d.lines());
            boolean[] covered = d.coverage();
            for (int y = 0; y < p.size(); y++) {
                for (int x = 0; x < p.size(); x++) {
                    int i = y * p.size() + x;
                    int px = p.x() + x;
                    int py = p.y() + y;
                    if (covered[i] && px < w && py < h) {
                        pageGray[py * w + px] = drawingGray[i];
                        flats.setRGB(px, py, d.flats().getRGB(x, y));
                        color.setRGB(px, py, d.color().getRGB(x, y));
                    }
                }
            }
        }
        for (Rectangle panel : layout.panels()) {
            Rectangle inside = layout.interior(panel);
            for (int y = panel.y; y < panel.y + panel.height; y++) {
                for (int x = panel.x; x < panel.x + panel.width; x++) {
                    if (!inside.contains(x, y)) {
                        pageGray[y * w + x] = 0;
                        color.setRGB(x, y, 0);
                    }
                }
            }
        }
        return new DrawingTriplet(lines, flats, color, null);
    }

    private static BufferedImage filled(int w, int h, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }
}
