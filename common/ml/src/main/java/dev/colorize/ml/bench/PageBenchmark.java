package dev.colorize.ml.bench;

import ai.djl.Device;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.ml.infer.Compositing;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Worker cost per page, side by side in one JVM: a 1000x1400 page with six framed panels through the
 * page pipeline (panels at the model's resolution, region flats, multiply; defaults), the same with per-pixel
 * flats (what region flats add), with panels always colored whole (what looking for a small figure's box costs,
 * {@link ColorizerOptions#contentZoom}), and through the first design (the whole page letterboxed to 256 px, lightness
 * kept). {@code [MODEL] [--runs N]}: a model artifact,
 * or the CPU spec with untrained weights (the cost does not depend on the weights).
 */
public final class PageBenchmark {

    private PageBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        OpenCvNative.ensureLoaded();
        int runs = 10;
        Path model = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else {
                model = Path.of(args[i]);
            }
        }
        if (model == null) {
            model = Files.createTempDirectory("page-benchmark").resolve("model");
            NetworkSpec spec = NetworkSpec.cpuHinted();
            TrainingConfig config = TrainingConfig.paper(spec, 1, 1);
            try (Pix2PixTrainer trainer = Pix2PixTrainer.create(config, Device.cpu())) {
                ModelArtifact.save(trainer.generator(), spec, config, 0, null, null, model);
            }
        }
        Mat page = sixPanelPage();
        ColorizerOptions pipeline = ColorizerOptions.defaults();
        ColorizerOptions firstDesign = ColorizerOptions.defaults().withPanels(false, 256).withFlatFill(false)
                .withCompositing(Compositing.LIGHTNESS);
        try (Colorizer panels = Colorizer.load(model, pipeline); Colorizer whole = Colorizer.load(model, firstDesign);
                Colorizer perPixel = Colorizer.load(model, pipeline.withFlatFill(false));
                Colorizer panelsWhole = Colorizer.load(model, pipeline.withContentZoom(0))) {
            System.out.printf(Locale.ROOT, "model %s, page %dx%d, %d runs after 2 warm-up runs%n",
                    panels.model().spec(), page.cols(), page.rows(), runs);
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            List<Double> c = new ArrayList<>();
            List<Double> d = new ArrayList<>();
            for (int r = -2; r < runs; r++) { // interleaved, so all see the same machine load
                double pa = time(panels, page);
                double pb = time(whole, page);
                double pc = time(perPixel, page);
                double pd = time(panelsWhole, page);
                if (r >= 0) {
                    a.add(pa);
                    b.add(pb);
                    c.add(pc);
                    d.add(pd);
                }
            }
            System.out.printf(Locale.ROOT, "panels at %d px + region flats + multiply (defaults): median %.0f ms/page%n",
                    panels.model().spec().imageSize(), median(a));
            System.out.printf(Locale.ROOT, "the same with per-pixel flats: median %.0f ms/page; region flats add %.0f ms%n",
                    median(c), median(a) - median(c));
            System.out.printf(Locale.ROOT, "the same with panels always whole (content zoom 0): median %.0f ms/page;"
                    + " looking for small figures adds %.0f ms%n", median(d), median(a) - median(d));
            System.out.printf(Locale.ROOT, "whole page letterboxed to 256 px, lightness kept: median %.0f ms/page%n",
                    median(b));
            System.out.printf(Locale.ROOT, "ratio %.2f%n", median(a) / median(b));
        }
    }

    private static double time(Colorizer colorizer, Mat page) {
        long start = System.nanoTime();
        colorizer.colorizeImages(List.of(page));
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Six framed panels (2 x 3) with outlined shapes, 1000x1400, as a scanned page would be. */
    static Mat sixPanelPage() {
        return sixPanelPage(1000, 1400);
    }

    /** The same page drawn at {@code width x height}: margins, gutters and strokes scale with the width. */
    static Mat sixPanelPage(int width, int height) {
        double s = width / 1000.0;
        int margin = (int) Math.round(40 * s);
        int gutter = (int) Math.round(20 * s);
        Mat page = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        int w = (width - 2 * margin - gutter) / 2;
        int h = (height - 2 * margin - 2 * gutter) / 3;
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 2; col++) {
                Rect box = new Rect(margin + col * (w + gutter), margin + row * (h + gutter), w, h);
                Imgproc.rectangle(page, box, new Scalar(0, 0, 0), stroke(5, s));
                Point c = new Point(box.x + w / 2.0, box.y + h / 2.0);
                Imgproc.circle(page, c, h / 4, new Scalar(0, 0, 0), stroke(3, s));
                Imgproc.ellipse(page, new Point(c.x + w / 4.0, c.y + h / 5.0), new Size(w / 8.0, h / 10.0), 30, 0, 360,
                        new Scalar(0, 0, 0), stroke(2, s));
                Imgproc.rectangle(page, new Rect(box.x + margin / 2, box.y + margin / 2, w / 5, h / 6),
                        new Scalar(0, 0, 0), stroke(2, s));
            }
        }
        return page;
    }

    private static int stroke(int thickness, double scale) {
        return Math.max(1, (int) Math.round(thickness * scale));
    }
}
