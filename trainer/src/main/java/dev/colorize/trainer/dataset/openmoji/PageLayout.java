package dev.colorize.trainer.dataset.openmoji;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The panels of a manga-like page: 2-3 rows of 1-2 rectangular panels (3-6 in all), separated and
 * surrounded by one gutter of 12-24 px, each framed by a black border of 3-5 px drawn inside its
 * rectangle.
 */
public record PageLayout(int width, int height, List<Rectangle> panels, int border, int gutter) {

    public static PageLayout random(Random random, int width, int height) {
        int[] perRow;
        do {
            perRow = new int[2 + random.nextInt(2)];
            for (int i = 0; i < perRow.length; i++) {
                perRow[i] = 1 + random.nextInt(2);
            }
        } while (sum(perRow) < 3);
        int gutter = 12 + random.nextInt(13);
        int border = 3 + random.nextInt(3);
        int[] rowHeights = split(height - gutter * (perRow.length + 1), weights(random, perRow.length));
        List<Rectangle> panels = new ArrayList<>();
        int y = gutter;
        for (int row = 0; row < perRow.length; row++) {
            int[] widths = split(width - gutter * (perRow[row] + 1), weights(random, perRow[row]));
            int x = gutter;
            for (int w : widths) {
                panels.add(new Rectangle(x, y, w, rowHeights[row]));
                x += w + gutter;
            }
            y += rowHeights[row] + gutter;
        }
        return new PageLayout(width, height, List.copyOf(panels), border, gutter);
    }

    /** The part of a panel inside its border, where drawings go. */
    public Rectangle interior(Rectangle panel) {
        return new Rectangle(panel.x + border, panel.y + border, panel.width - 2 * border, panel.height - 2 * border);
    }

    private static double[] weights(Random random, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.7 + 0.6 * random.nextDouble();
        }
        return w;
    }

    /** {@code total} pixels in parts proportional to the weights, summing exactly to total. */
    private static int[] split(int total, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int[] parts = new int[weights.length];
        int used = 0;
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            int end = (int) Math.round(total * acc / sum);
            parts[i] = end - used;
            used = end;
        }
        return parts;
    }

    private static int sum(int[] values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }
}
