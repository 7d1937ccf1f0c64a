package dev.colorize.trainer.dataset.openmoji;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Everything random about one composed page, decided before any rendering (so a seed fixes the pages
 * whatever the thread count): its layout and, per panel, 1-3 drawings of the split, each a square of
 * 0.5-1.0 of the panel interior's short side at a random place inside it, later ones over earlier ones.
 */
public record PagePlan(PageLayout layout, List<Placement> placements) {

    /** A drawing rendered as a {@code size x size} square with its top-left corner at (x, y) on the page. */
    public record Placement(OpenMojiDrawing drawing, int x, int y, int size) {}

    public static PagePlan random(Random random, List<OpenMojiDrawing> pool, int width, int height) {
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("no drawings to compose a page from");
        }
        PageLayout layout = PageLayout.random(random, width, height);
        List<Placement> placements = new ArrayList<>();
        for (Rectangle panel : layout.panels()) {
            Rectangle inside = layout.interior(panel);
            int shortSide = Math.min(inside.width, inside.height);
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                OpenMojiDrawing drawing = pool.get(random.nextInt(pool.size()));
                int size = Math.max(8, (int) Math.round(shortSide * (0.5 + 0.5 * random.nextDouble())));
                size = Math.min(size, shortSide);
                int x = inside.x + random.nextInt(inside.width - size + 1);
                int y = inside.y + random.nextInt(inside.height - size + 1);
                placements.add(new Placement(drawing, x, y, size));
            }
        }
        return new PagePlan(layout, List.copyOf(placements));
    }
}
