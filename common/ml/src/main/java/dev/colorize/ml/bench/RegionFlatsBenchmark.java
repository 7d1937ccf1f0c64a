package dev.colorize.ml.bench;

import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.ml.infer.FlatFill;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * What region flats cost a page on one core: the six-panel page's per-pixel prediction made once by {@code MODEL},
 * then {@link FlatFill#flats} (segmentation, votes, paint) timed in CPU time of the one thread it runs on, OpenCV
 * held to that thread, so the figure does not depend on what else the machine runs. {@code MODEL [--width 1000]
 * [--height 1400] [--runs 10]}; the process's peak resident memory is printed at the end.
 */
public final class RegionFlatsBenchmark {

    private RegionFlatsBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        OpenCvNative.ensureLoaded();
        Path model = null;
        int width = 1000;
        int height = 1400;
        int runs = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--width" -> width = Integer.parseInt(args[++i]);
                case "--height" -> height = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> model = Path.of(args[i]);
            }
        }
        Mat page = PageBenchmark.sixPanelPage(width, height);
        Mat prediction;
        try (Colorizer colorizer = Colorizer.load(model, ColorizerOptions.defaults().withFlatFill(false))) {
            prediction = colorizer.colorLayers(List.of(new Colorizer.PageInput(page))).get(0).flats();
        }
        Core.setNumThreads(1);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        FlatFill flatFill = new FlatFill();
        List<Double> ms = new ArrayList<>();
        for (int r = -3; r < runs; r++) { // three warm-up runs for the JIT
            long start = cpu.getCurrentThreadCpuTime();
            flatFill.flats(page, prediction, null, true).release();
            if (r >= 0) {
                ms.add((cpu.getCurrentThreadCpuTime() - start) / 1e6);
            }
        }
        Collections.sort(ms);
        System.out.printf(Locale.ROOT, "region flats of a %dx%d page, one thread: median %.0f ms CPU (min %.0f, max %.0f,"
                + " %d runs); peak RSS %d MiB%n", width, height, ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1),
                runs, ResidentMemory.peakKib() / 1024);
    }
}
