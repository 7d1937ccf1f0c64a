package dev.colorize.ml.bench;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.data.OpenRaster;
import dev.colorize.ml.data.PhotoshopDocument;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.ml.infer.Colorizer.ColorLayers;
import dev.colorize.ml.infer.Colorizer.PageInput;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.ml.infer.LineLayer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * A print-size page through the worker's per-page work, stage by stage, at the page's own resolution: decode the
 * PNG, color (flats and composite), encode the composite PNG, the line and flat layers, the OpenRaster and the
 * Photoshop file; with the process's resident memory before the first page and at its peak, and the heap's peak.
 * {@code MODEL [--width 3500] [--height 5000] [--runs 3] [--threads 0] [--per-pixel-flats] [--hints]} (the peak is the
 * process's: compare region and per-pixel flats in two processes). {@code --hints}: with a hint image as the worker
 * admits the largest, 8-bit RGBA at the page's size (one dot), decoded each run as the worker decodes it.
 */
public final class PrintPageBenchmark {

    private PrintPageBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        OpenCvNative.ensureLoaded();
        Path model = null;
        int width = 3500;
        int height = 5000;
        int runs = 3;
        int threads = 0;
        boolean regionFlats = true;
        boolean hinted = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--width" -> width = Integer.parseInt(args[++i]);
                case "--height" -> height = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--per-pixel-flats" -> regionFlats = false;
                case "--hints" -> hinted = true;
                default -> model = Path.of(args[i]);
            }
        }
        Mat drawn = PageBenchmark.sixPanelPage(width, height);
        byte[] sketch = ImageCodec.encodePng(drawn);
        drawn.release();
        byte[] hintImage = hinted ? hintImage(width, height) : null;
        ColorizerOptions options = new ColorizerOptions("cpu", threads, 8, false).withFlatFill(regionFlats);
        try (Colorizer colorizer = Colorizer.load(model, options)) {
            long before = ResidentMemory.kib();
            System.out.printf(Locale.ROOT, "model %s, %s flats, page %dx%d (%.1f Mpx, sketch PNG %d KiB), RSS before"
                    + " %d MiB%n", colorizer.model().spec(), regionFlats ? "region" : "per-pixel", width, height,
                    width * (double) height / 1e6, sketch.length / 1024, before / 1024);
            for (int r = 1; r <= runs; r++) {
                long t0 = System.nanoTime();
                Mat page = ImageCodec.decodeBgr(sketch);
                Mat hints = hinted ? ImageCodec.decodeBgra(hintImage) : null;
                long t1 = System.nanoTime();
                ColorLayers layers = colorizer.colorLayers(List.of(new PageInput(page, hints))).get(0);
                if (hints != null) {
                    hints.release(); // as the worker does after the forward pass
                }
                long t2 = System.nanoTime();
                byte[] composite = ImageCodec.encodePng(layers.composite());
                long t3 = System.nanoTime();
                Mat lines = LineLayer.of(page);
                byte[] linesPng = ImageCodec.encodePng(lines);
                byte[] flatsPng = ImageCodec.encodePng(layers.flats());
                long t4 = System.nanoTime();
                byte[] ora = OpenRaster.write(List.of(new OpenRaster.Layer("lines", linesPng, true),
                        new OpenRaster.Layer("flats", flatsPng, false)), layers.composite(), composite);
                long t5 = System.nanoTime();
                byte[] psd = PhotoshopDocument.write(List.of(new PhotoshopDocument.Layer("lines", lines, true),
                        new PhotoshopDocument.Layer("flats", layers.flats(), false)), layers.composite());
                long t6 = System.nanoTime();
                System.out.printf(Locale.ROOT, "run %d: decode %d ms, color %d ms, composite PNG %d ms, layers PNG %d ms, "
                        + "ORA %d ms, PSD %d ms, total %d ms; composite %d KiB, ORA %d KiB, PSD %d KiB; RSS %d MiB,"
                        + " peak %d MiB; heap peak %d MiB%n", r, ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5), ms(t5, t6),
                        ms(t0, t6), composite.length / 1024, ora.length / 1024, psd.length / 1024,
                        ResidentMemory.kib() / 1024, ResidentMemory.peakKib() / 1024, heapPeakBytes() >> 20);
                for (Mat m : List.of(page, lines, layers.flats(), layers.composite())) {
                    m.release();
                }
            }
        }
    }

    /** One dot on a transparent page-size RGBA image, as PNG. */
    private static byte[] hintImage(int width, int height) {
        Mat hints = Mat.zeros(height, width, CvType.CV_8UC4);
        Imgproc.circle(hints, new Point(width / 3.0, height / 3.0), Math.max(4, width / 100), new Scalar(40, 60, 220, 255),
                -1);
        byte[] png = ImageCodec.encodePng(hints);
        hints.release();
        return png;
    }

    /** The sum of the heap pools' peaks since the start (the JVM's own high-water marks, not a sample). */
    private static long heapPeakBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
