package dev.colorize.ml.infer;

import java.util.ArrayList;
import java.util.List;
import dev.colorize.ml.infer.GeneratorRunner.FeatureMap;
import org.opencv.core.Rect;

/**
 * What the network read at each place of one page ({@link GeneratorRunner#predictWithFeatures}), kept per forward
 * input (a panel, or the whole frameless page) until the page's regions are known, then averaged over each region.
 * Strips' tiles keep none: their regions are described without it.
 */
final class RegionFeatures {

    /**
     * One forward input's features and context (null: none): where it lies on the page and inside its letterbox of
     * {@code size}.
     */
    private record Plane(Rect rect, Rect content, int size, FeatureMap features, FeatureMap context) {}

    /** Per label what the network read over it ({@link #pooled}): its features and its context (null: unknown). */
    record Pooled(float[][] read, float[][] context) {}

    private final List<Plane> planes = new ArrayList<>();
    private final int pageWidth;
    private final int pageHeight;
    private final RegionMetric metric;
    private final boolean withContext;

    /**
     * {@code metric}: how regions described from these features are compared (the model's, else hand-set);
     * {@code withContext}: whether the context is pooled too (references and pages matched against them; a metric is
     * fitted on it).
     */
    RegionFeatures(int pageWidth, int pageHeight, RegionMetric metric, boolean withContext) {
        this.pageWidth = pageWidth;
        this.pageHeight = pageHeight;
        this.metric = metric;
        this.withContext = withContext;
    }

    RegionMetric metric() {
        return metric;
    }

    /** Keeps sample {@code index}'s features of a batch for the input at {@code rect} (content inside its letterbox). */
    void add(Rect rect, Rect content, int size, GeneratorRunner.WithFeatures batch, int index) {
        planes.add(new Plane(rect, content, size, sample(batch.features(), index), sample(batch.context(), index)));
    }

    private static FeatureMap sample(FeatureMap batch, int index) {
        if (batch == null) {
            return null;
        }
        int one = batch.channels() * batch.height() * batch.width();
        float[] values = new float[one];
        System.arraycopy(batch.values(), index * one, values, 0, one);
        return new FeatureMap(values, batch.channels(), batch.height(), batch.width());
    }

    boolean isEmpty() {
        return planes.isEmpty();
    }

    /**
     * Each label's mean feature over its pixels off the ink, less the mean over all of the page's pixels off the ink,
     * unit length (null for a label with none on a plane): the network's features are all positive after its ReLU,
     * so raw means of any two regions point alike; less the page's mean they point where the region stands out of
     * its page (mostly paper), which is what two drawings of one part share. {@code regions} may be the page at a
     * working scale. Sampled twice per feature cell each way: a cell covers several of the page's pixels. The context
     * (a coarser map, {@link GeneratorRunner#CONTEXT_LEVEL}) is pooled the same way over the same samples.
     */
    Pooled pooled(LineRegions regions) {
        Sums read = new Sums(regions.count());
        Sums context = new Sums(regions.count());
        double sx = (double) pageWidth / regions.width();
        double sy = (double) pageHeight / regions.height();
        int step = step(sx);
        Plane plane = null;
        for (int y = 0; y < regions.height(); y += step) {
            int py = (int) (y * sy);
            for (int x = 0; x < regions.width(); x += step) {
                int i = y * regions.width() + x;
                if (regions.isInk(i)) {
                    continue;
                }
                int px = (int) (x * sx);
                if (plane == null || !contains(plane.rect(), px, py)) {
                    plane = planeAt(px, py);
                    if (plane == null) {
                        continue;
                    }
                }
                int l = regions.labelAt(i);
                read.add(l, plane, plane.features(), px, py);
                if (plane.context() != null && withContext) {
                    context.add(l, plane, plane.context(), px, py);
                }
            }
        }
        return new Pooled(read.standingOut(), context.standingOut());
    }

    /** Per label sums of one kind of feature map, and the page's. */
    private static final class Sums {
        private final float[][] sums;
        private final int[] n;
        private float[] page;
        private int pagePixels;

        Sums(int labels) {
            sums = new float[labels][];
            n = new int[labels];
        }

        void add(int label, Plane plane, FeatureMap map, int px, int py) {
            if (sums[label] == null) {
                sums[label] = new float[map.channels()];
            }
            if (page == null) {
                page = new float[map.channels()];
            }
            int fx = cell(px - plane.rect().x, plane.rect().width, plane.content().x, plane.content().width,
                    plane.size(), map.width());
            int fy = cell(py - plane.rect().y, plane.rect().height, plane.content().y, plane.content().height,
                    plane.size(), map.height());
            int area = map.height() * map.width();
            float[] v = map.values();
            float[] s = sums[label];
            for (int c = 0, o = fy * map.width() + fx; c < s.length; c++, o += area) {
                s[c] += v[o];
                page[c] += v[o];
            }
            n[label]++;
            pagePixels++;
        }

        float[][] standingOut() {
            for (int l = 0; l < sums.length; l++) {
                if (sums[l] != null) {
                    sums[l] = RegionFeatures.standingOut(sums[l], n[l], page, pagePixels);
                }
            }
            return sums;
        }
    }

    /** {@code sum / n - pageSum / pageN}, unit length; null when it is zero. */
    private static float[] standingOut(float[] sum, int n, float[] pageSum, int pageN) {
        double norm = 0;
        for (int c = 0; c < sum.length; c++) {
            sum[c] = sum[c] / n - pageSum[c] / pageN;
            norm += sum[c] * sum[c];
        }
        if (norm == 0) {
            return null;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int c = 0; c < sum.length; c++) {
            sum[c] *= scale;
        }
        return sum;
    }

    /** The feature cell of a page offset {@code d} into an input {@code length} long, placed at {@code offset}. */
    private static int cell(int d, int length, int offset, int contentLength, int size, int cells) {
        double inLetterbox = offset + (d + 0.5) * contentLength / length;
        return Math.min(cells - 1, Math.max(0, (int) (inLetterbox * cells / size)));
    }

    /** Half a feature cell of the finest plane, in pixels of the regions ({@code sx} page pixels each), at least 2. */
    private int step(double sx) {
        double cell = Double.MAX_VALUE;
        for (Plane p : planes) {
            double modelPxPerCell = (double) p.size() / p.features().width();
            double pagePxPerModelPx = (double) p.rect().width / p.content().width;
            cell = Math.min(cell, modelPxPerCell * pagePxPerModelPx / sx);
        }
        return Math.max(2, (int) (cell / 2));
    }

    private static boolean contains(Rect r, int x, int y) {
        return x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height;
    }

    private Plane planeAt(int x, int y) {
        for (Plane p : planes) {
            if (contains(p.rect(), x, y)) {
                return p;
            }
        }
        return null;
    }
}
