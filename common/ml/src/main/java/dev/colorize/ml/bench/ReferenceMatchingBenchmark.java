package dev.colorize.ml.bench;

import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.ml.infer.FlatFill;
import dev.colorize.ml.infer.LineRegions;
import dev.colorize.ml.infer.ReferenceArt;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * What following a series' references costs a page: the six-panel page colored by {@code MODEL} without references
 * and with {@code --references} (20) reference pages of its size, alternately in one JVM, in CPU time of the one
 * thread everything runs on (PyTorch and OpenCV held to it), so the figures do not depend on what else the machine
 * runs. The references (the page's own regions in random colors, a stand-in for colored pages of a series) are
 * described once before, as a worker does once per reference and model. {@code MODEL [--width 1000] [--height 1400]
 * [--references 20] [--runs 7]}.
 */
public final class ReferenceMatchingBenchmark {

    private ReferenceMatchingBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        OpenCvNative.ensureLoaded();
        Path model = null;
        int width = 1000;
        int height = 1400;
        int referenceCount = 20;
        int runs = 7;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--width" -> width = Integer.parseInt(args[++i]);
                case "--height" -> height = Integer.parseInt(args[++i]);
                case "--references" -> referenceCount = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> model = Path.of(args[i]);
            }
        }
        Core.setNumThreads(1);
        Mat page = PageBenchmark.sixPanelPage(width, height);
        FlatFill flatFill = new FlatFill();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ColorizerOptions options = new ColorizerOptions("cpu", 1, 8, false);
        try (Colorizer colorizer = new Colorizer(dev.colorize.ml.artifact.ModelArtifact.load(model,
                options.resolveDevice()), options)) {
            List<ReferenceArt> references = new ArrayList<>();
            Random random = new Random(7);
            long describeStart = cpu.getCurrentThreadCpuTime();
            for (int r = 0; r < referenceCount; r++) {
                Mat colored = randomlyColored(flatFill, page, random);
                references.add(colorizer.describeReference(colored, page));
                colored.release();
            }
            double describeMs = (cpu.getCurrentThreadCpuTime() - describeStart) / 1e6 / referenceCount;
            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            int followed = 0;
            int regions = 0;
            for (int r = -2; r < runs; r++) { // two warm-up rounds for the JIT and the allocators
                long start = cpu.getCurrentThreadCpuTime();
                Colorizer.ColorLayers plain = colorizer.colorLayers(List.of(new Colorizer.PageInput(page))).get(0);
                long middle = cpu.getCurrentThreadCpuTime();
                Colorizer.ColorLayers guided = colorizer.colorLayers(
                        List.of(new Colorizer.PageInput(page, null, references))).get(0);
                long end = cpu.getCurrentThreadCpuTime();
                if (r >= 0) {
                    without.add((middle - start) / 1e6);
                    with.add((end - middle) / 1e6);
                }
                followed = guided.matches().followed();
                regions = guided.matches().regions();
                plain.flats().release();
                plain.composite().release();
                guided.flats().release();
                guided.composite().release();
            }
            Collections.sort(without);
            Collections.sort(with);
            double a = without.get(without.size() / 2);
            double b = with.get(with.size() / 2);
            System.out.printf(Locale.ROOT, "a %dx%d page, one thread, %d runs: without references median %.0f ms CPU, "
                    + "with %d references %.0f ms (+%.0f ms, x%.2f); %d of %d regions followed; describing a reference "
                    + "once: %.0f ms%n", width, height, runs, a, referenceCount, b, b - a, b / a, followed, regions,
                    describeMs);
            chapterVote(colorizer, page, runs, cpu);
        }
    }

    /** Four pages colored in one call each on its own and as one chapter (voted together): CPU ms per page. */
    private static void chapterVote(Colorizer colorizer, Mat page, int runs, ThreadMXBean cpu) {
        int pages = 4;
        List<Double> alone = new ArrayList<>();
        List<Double> voted = new ArrayList<>();
        for (int r = -1; r < runs; r++) {
            List<Colorizer.PageInput> each = new ArrayList<>();
            List<Colorizer.PageInput> chapter = new ArrayList<>();
            for (int p = 0; p < pages; p++) {
                each.add(new Colorizer.PageInput(page));
                chapter.add(new Colorizer.PageInput(page, null, List.of(), "chapter"));
            }
            long start = cpu.getCurrentThreadCpuTime();
            release(colorizer.colorLayers(each));
            long middle = cpu.getCurrentThreadCpuTime();
            release(colorizer.colorLayers(chapter));
            long end = cpu.getCurrentThreadCpuTime();
            if (r >= 0) {
                alone.add((middle - start) / 1e6 / pages);
                voted.add((end - middle) / 1e6 / pages);
            }
        }
        Collections.sort(alone);
        Collections.sort(voted);
        double a = alone.get(alone.size() / 2);
        double b = voted.get(voted.size() / 2);
        System.out.printf(Locale.ROOT, "%d such pages in one call: each on its own median %.0f ms CPU per page, voted as "
                + "one chapter %.0f ms (+%.0f ms, x%.2f)%n", pages, a, b, b - a, b / a);
    }

    private static void release(List<Colorizer.ColorLayers> layers) {
        for (Colorizer.ColorLayers l : layers) {
            l.flats().release();
            l.composite().release();
        }
    }

    /** The page's regions each in a random color under its lines: a stand-in for a colored page of the series. */
    private static Mat randomlyColored(FlatFill flatFill, Mat page, Random random) {
        LineRegions regions = flatFill.regions(page);
        int[] colors = new int[regions.count()];
        for (int l = 0; l < colors.length; l++) {
            colors[l] = random.nextInt(0x1000000);
        }
        Mat flats = flatFill.paint(regions, colors, page);
        Mat colored = new Mat();
        Core.min(flats, page, colored); // the ink over the flats
        flats.release();
        return colored;
    }
}
