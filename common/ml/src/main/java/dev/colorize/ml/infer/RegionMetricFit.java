package dev.colorize.ml.infer;

import dev.colorize.ml.artifact.RegionMetricFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Fits a {@link RegionMetricFile} for one model on chapters of a character drawn several times (each drawing described
 * with its true colors, {@link Colorizer#describeReference}): linear discriminant analysis, where a class is one color
 * of one chapter (a character part: the cook's skin, the cook's hair), so the projection keeps what tells one part of
 * a character from another and whitens what varies between drawings of one part. Between-part scatter is taken
 * within each chapter: parts of different characters alike (two skins of different tones) need not be told apart.
 * Then the follow thresholds are chosen on the same chapters, simulating what pages do: the first drawing the
 * reference, each region of the others following its nearest reference region.
 */
public final class RegionMetricFit {

    /**
     * Projection widths tried; the one whose pages score best on the fitting chapters, following as pages do (learned,
     * else hand-set), is kept (choosing by the learned pass alone measured 0.24 dB worse, docs/QUALITY.md).
     */
    private static final int[] WIDTHS = {4, 8, 12, 16, 24};
    private static final float[] RATIOS = {0.5f, 0.6f, 0.7f, 0.8f, 0.85f, 0.9f, 0.95f, 1.0f};
    /**
     * What following a wrong color costs against following the right one: it paints over the network's color a
     * color the colorist must then find and fix (on OpenMoji's held-out chapters, with the hand-set pass after the
     * learned one, 2 kept the recurring parts as 0.5 and 1 did and gained 0.46 dB on the whole page; docs/QUALITY.md).
     */
    public static final double DEFAULT_WRONG_COST = 2.0;
    /** Ridge added to the within-part scatter, relative to its mean variance. */
    private static final double RIDGE = 1e-3;

    private RegionMetricFit() {}

    /**
     * Shares of the pages' figure area (all drawings of each chapter but its first, the reference) that followed the
     * reference in their true color, followed it in a wrong one, or kept the network's.
     */
    public record Score(double correct, double wrong, double kept, double inReference, double nearestRight) {
        double value(double wrongCost) {
            return correct - wrongCost * wrong;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f %% right, %.1f %% wrong, %.1f %% left to the network; %.1f %% of a "
                    + "color in the reference, %.1f %% nearest one of the right color", 100 * correct, 100 * wrong,
                    100 * kept, 100 * inReference, 100 * nearestRight);
        }
    }

    /** A fitted metric and how it and the hand-set one score on the chapters it was fitted on. */
    public record Fit(RegionMetricFile metric, Score learned, Score handSet) {}

    /**
     * Fits on {@code chapters} (each: its drawings, described with their true colors; the first is the reference),
     * the thresholds for the most right area less {@code wrongCost} times the wrong ({@link #DEFAULT_WRONG_COST}).
     */
    public static Fit fit(List<List<ReferenceArt>> chapters, String weightsSha256, String fittedOn, double wrongCost) {
        List<float[]> vectors = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        List<Integer> chapterOf = new ArrayList<>();
        int classCount = 0;
        for (int ch = 0; ch < chapters.size(); ch++) {
            List<Integer> colors = new ArrayList<>();
            for (ReferenceArt art : chapters.get(ch)) {
                RegionDescriptors d = art.regions();
                for (int k = 0; k < d.size(); k++) {
                    float[] v = vector(d, k);
                    if (v == null) {
                        continue;
                    }
                    int color = art.color(k);
                    int c = 0;
                    while (c < colors.size() && !sameColor(colors.get(c), color)) {
                        c++;
                    }
                    if (c == colors.size()) {
                        colors.add(color);
                    }
                    vectors.add(v);
                    classes.add(classCount + c);
                    chapterOf.add(ch);
                }
            }
            classCount += colors.size();
        }
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("no region with the network's features to fit on");
        }
        double[][] projection = discriminants(vectors, classes, chapterOf, classCount, chapters.size());
        Fit best = null; // the width whose pages, following as pages do, score best
        for (int width : WIDTHS) {
            if (width > projection.length) {
                continue;
            }
            float[][] w = new float[width][];
            for (int r = 0; r < width; r++) {
                w[r] = toFloat(projection[r]);
            }
            RegionMetricFile candidate = thresholds(chapters, new RegionMetricFile(RegionMetricFile.FORMAT_VERSION,
                    weightsSha256, w, Float.MAX_VALUE, 1, fittedOn + ", " + width + " discriminants"), wrongCost);
            Score score = score(chapters, RegionMetric.learned(candidate));
            if (best == null || score.value(wrongCost) > best.learned().value(wrongCost)) {
                best = new Fit(candidate, score, null);
            }
        }
        return new Fit(best.metric(), best.learned(), score(chapters, RegionMetric.HAND_SET));
    }

    /** How pages of {@code chapters} follow their first drawing with {@code metric}. */
    public static Score score(List<List<ReferenceArt>> chapters, RegionMetricFile metric) {
        return score(chapters, metric == null ? RegionMetric.HAND_SET : RegionMetric.learned(metric));
    }

    static Score score(List<List<ReferenceArt>> chapters, RegionMetric metric) {
        double correct = 0;
        double wrong = 0;
        double total = 0;
        double inReference = 0;
        double nearestRight = 0;
        for (List<ReferenceArt> chapter : chapters) {
            ReferenceArt art = withMetric(chapter.get(0), metric);
            List<ReferenceArt> reference = List.of(art);
            for (ReferenceArt page : chapter.subList(1, chapter.size())) {
                RegionDescriptors d = page.regions().withMetric(metric);
                for (int k = 0; k < d.size(); k++) {
                    int followed = ReferenceMatcher.match(d, k, reference);
                    total += d.areas()[k];
                    float best = Float.MAX_VALUE;
                    int nearest = 0;
                    boolean present = false;
                    for (int j = 0; j < art.regions().size(); j++) {
                        float dist = d.distance(k, art.regions(), j);
                        if (dist < best) {
                            best = dist;
                            nearest = art.color(j);
                        }
                        present |= sameColor(art.color(j), page.color(k));
                    }
                    inReference += present ? d.areas()[k] : 0;
                    nearestRight += sameColor(nearest, page.color(k)) ? d.areas()[k] : 0;
                    if (followed == FlatFill.KEEP_PREDICTION) {
                        continue;
                    }
                    if (sameColor(followed, page.color(k))) {
                        correct += d.areas()[k];
                    } else {
                        wrong += d.areas()[k];
                    }
                }
            }
        }
        return new Score(correct / total, wrong / total, (total - correct - wrong) / total, inReference / total,
                nearestRight / total);
    }

    /**
     * The distance and ratio that score best: per page region its nearest reference region's distance and color and
     * the nearest of another color, then every pair of thresholds tried on those.
     */
    private static RegionMetricFile thresholds(List<List<ReferenceArt>> chapters, RegionMetricFile unbounded,
            double wrongCost) {
        RegionMetric metric = RegionMetric.learned(unbounded);
        List<double[]> matches = new ArrayList<>(); // nearest, nearest of another color, area, right (1) or not
        double total = 0;
        for (List<ReferenceArt> chapter : chapters) {
            ReferenceArt reference = withMetric(chapter.get(0), metric);
            RegionDescriptors theirs = reference.regions();
            for (ReferenceArt page : chapter.subList(1, chapter.size())) {
                RegionDescriptors d = page.regions().withMetric(metric);
                for (int k = 0; k < d.size(); k++) {
                    total += d.areas()[k];
                    double best = Double.MAX_VALUE;
                    int bestColor = 0;
                    for (int j = 0; j < theirs.size(); j++) {
                        double dist = d.distance(k, theirs, j);
                        if (dist < best) {
                            best = dist;
                            bestColor = reference.color(j);
                        }
                    }
                    double other = Double.MAX_VALUE;
                    for (int j = 0; j < theirs.size(); j++) {
                        if (!sameColor(reference.color(j), bestColor)) {
                            other = Math.min(other, d.distance(k, theirs, j));
                        }
                    }
                    boolean right = sameColor(bestColor, page.color(k));
                    matches.add(new double[] {best, other, d.areas()[k], right ? 1 : 0});
                }
            }
        }
        double[] distances = matches.stream().mapToDouble(m -> m[0]).sorted().toArray();
        float bestDistance = 0;
        float bestRatio = 1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int q = 1; q <= 40; q++) {
            double maxDistance = distances[Math.min(distances.length - 1, q * distances.length / 40)];
            for (float ratio : RATIOS) {
                double value = 0;
                for (double[] m : matches) {
                    if (m[0] <= maxDistance && m[0] <= ratio * m[1]) {
                        value += m[3] == 1 ? m[2] : -wrongCost * m[2];
                    }
                }
                if (value / total > bestValue) {
                    bestValue = value / total;
                    bestDistance = (float) maxDistance;
                    bestRatio = ratio;
                }
            }
        }
        return new RegionMetricFile(unbounded.formatVersion(), unbounded.weightsSha256(), unbounded.projection(),
                bestDistance, bestRatio, unbounded.fittedOn());
    }

    private static boolean sameColor(int a, int b) {
        return ReferenceMatcher.rgbDistance(a, b) <= ReferenceMatcher.SAME_COLOR_RGB_DISTANCE;
    }

    private static ReferenceArt withMetric(ReferenceArt art, RegionMetric metric) {
        return art.withRegions(art.regions().withMetric(metric));
    }

    /** Descriptor {@code k} as the learned metric's input, null without what the network read. */
    private static float[] vector(RegionDescriptors d, int k) {
        return RegionMetric.vector(d.place(k), d.read()[k], d.context()[k]);
    }

    /**
     * The discriminant directions, most telling first: eigenvectors of {@code Sw^-1/2 Sb Sw^-1/2} mapped back through
     * {@code Sw^-1/2}, so within-part variation is unit in every direction kept.
     */
    private static double[][] discriminants(List<float[]> vectors, List<Integer> classes, List<Integer> chapterOf,
            int classCount, int chapterCount) {
        int dim = vectors.get(0).length;
        double[][] classMean = new double[classCount][dim];
        int[] classN = new int[classCount];
        double[][] chapterMean = new double[chapterCount][dim];
        int[] chapterN = new int[chapterCount];
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            int c = classes.get(i);
            int ch = chapterOf.get(i);
            classN[c]++;
            chapterN[ch]++;
            for (int a = 0; a < dim; a++) {
                classMean[c][a] += v[a];
                chapterMean[ch][a] += v[a];
            }
        }
        for (int c = 0; c < classCount; c++) {
            for (int a = 0; a < dim; a++) {
                classMean[c][a] /= Math.max(1, classN[c]);
            }
        }
        for (int ch = 0; ch < chapterCount; ch++) {
            for (int a = 0; a < dim; a++) {
                chapterMean[ch][a] /= Math.max(1, chapterN[ch]);
            }
        }
        double[][] within = new double[dim][dim];
        double[][] between = new double[dim][dim];
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            double[] m = classMean[classes.get(i)];
            double[] cm = chapterMean[chapterOf.get(i)];
            for (int a = 0; a < dim; a++) {
                double wa = v[a] - m[a];
                double ba = m[a] - cm[a];
                for (int b = 0; b < dim; b++) {
                    within[a][b] += wa * (v[b] - m[b]);
                    between[a][b] += ba * (m[b] - cm[b]);
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                within[a][b] /= vectors.size();
                between[a][b] /= vectors.size();
            }
            trace += within[a][a];
        }
        for (int a = 0; a < dim; a++) {
            within[a][a] += RIDGE * trace / dim;
        }
        double[][] whiten = inverseSquareRoot(within);
        double[][] m = multiply(multiply(whiten, between), whiten);
        Mat eigenvalues = new Mat();
        Mat eigenvectors = new Mat();
        Mat scatter = toMat(m);
        Core.eigen(scatter, eigenvalues, eigenvectors);
        scatter.release();
        double[][] v = fromMat(eigenvectors);
        eigenvalues.release();
        eigenvectors.release();
        return multiply(v, whiten); // rows: eigenvectors (descending), each times Sw^-1/2 (symmetric)
    }

    private static double[][] inverseSquareRoot(double[][] symmetric) {
        Mat values = new Mat();
        Mat vectors = new Mat();
        Mat matrix = toMat(symmetric);
        Core.eigen(matrix, values, vectors);
        matrix.release();
        double[][] u = fromMat(vectors); // rows are eigenvectors
        double[] lambda = new double[u.length];
        values.get(0, 0, lambda);
        values.release();
        vectors.release();
        int n = u.length;
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double s = 1 / Math.sqrt(Math.max(lambda[k], 1e-12));
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    out[a][b] += u[k][a] * s * u[k][b];
                }
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }

    private static Mat toMat(double[][] a) {
        Mat mat = new Mat(a.length, a[0].length, CvType.CV_64F);
        for (int r = 0; r < a.length; r++) {
            mat.put(r, 0, a[r]);
        }
        return mat;
    }

    private static double[][] fromMat(Mat mat) {
        double[][] a = new double[mat.rows()][mat.cols()];
        for (int r = 0; r < a.length; r++) {
            mat.get(r, 0, a[r]);
        }
        return a;
    }

    private static float[] toFloat(double[] row) {
        float[] f = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            f[i] = (float) row[i];
        }
        return f;
    }
}
