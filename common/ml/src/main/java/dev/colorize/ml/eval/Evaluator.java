package dev.colorize.ml.eval;

import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.infer.GeneratorRunner;
import java.util.ArrayList;
import java.util.List;

/** Scores a generator and the two trivial baselines on validation pairs. */
public final class Evaluator {

    private Evaluator() {}

    public static EvaluationReport evaluate(GeneratorRunner generator, List<ImagePair> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no validation pairs");
        }
        int size = pairs.get(0).size();
        int pixels = size * size;
        float[] meanColor = new float[3];
        for (ImagePair pair : pairs) {
            float[] color = unit(pair.color());
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < pixels; i++) {
                    meanColor[c] += color[c * pixels + i] / ((float) pixels * pairs.size());
                }
            }
        }
        float[] meanImage = new float[3 * pixels];
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(meanImage, c * pixels, (c + 1) * pixels, meanColor[c]);
        }

        Accumulator model = new Accumulator();
        Accumulator sketchBaseline = new Accumulator();
        Accumulator meanBaseline = new Accumulator();
        double targetColorfulness = 0;
        for (ImagePair pair : pairs) {
            float[] sketch = unit(java.util.Arrays.copyOf(pair.sketch(), pixels)); // the line art, without hints
            float[] target = unit(pair.color());
            float[] predicted = unit(generator.predict(pair.sketch(), 1));
            float[] gray = new float[3 * pixels];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(sketch, 0, gray, c * pixels, pixels);
            }
            model.add(predicted, target, sketch, size);
            sketchBaseline.add(gray, target, sketch, size);
            meanBaseline.add(meanImage, target, sketch, size);
            targetColorfulness += ImageMetrics.colorfulness(target) / pairs.size();
        }
        return new EvaluationReport(pairs.size(), model.mean(), sketchBaseline.mean(), meanBaseline.mean(),
                targetColorfulness);
    }

    private static float[] unit(float[] minusOneToOne) {
        float[] out = new float[minusOneToOne.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0f, Math.min(1f, (minusOneToOne[i] + 1f) / 2f));
        }
        return out;
    }

    private static final class Accumulator {
        private final List<double[]> rows = new ArrayList<>();

        void add(float[] output, float[] target, float[] sketch, int size) {
            double[] lines = ImageMetrics.linePreservation(sketch, output);
            rows.add(new double[] {
                ImageMetrics.l1(output, target),
                ImageMetrics.psnr(output, target),
                ImageMetrics.ssim(output, target, size),
                ImageMetrics.colorfulness(output),
                lines[0],
                lines[1]
            });
        }

        MetricSet mean() {
            double[] m = new double[6];
            for (double[] row : rows) {
                for (int i = 0; i < 6; i++) {
                    m[i] += row[i] / rows.size();
                }
            }
            return new MetricSet(m[0], m[1], m[2], m[3], m[4], m[5]);
        }
    }
}
