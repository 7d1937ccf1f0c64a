package dev.colorize.trainer.cli;

import dev.colorize.ml.data.TripletFolder;
import dev.colorize.ml.data.TripletFolder.Triplet;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.ml.infer.Colorizer.ColorLayers;
import dev.colorize.ml.infer.Colorizer.PageInput;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.ml.infer.ReferenceArt;
import dev.colorize.trainer.dataset.openmoji.RecurringCharacters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * {@code evaluate-references MODEL DATASET OUT_DIR [--pages N] [--hints N] [--sheet-pages N]}: does a character keep its colors when a
 * colored page of it is the series' reference? Chapters are composed from the held-out authors' OpenMoji drawings of
 * one person of one skin tone in different activities (the cook, the farmer, the singer...: the same character
 * redrawn, never copied); the first drawing, with its true colors, is the reference; on the others, the character's
 * recurring parts (the flat colors that recur in most drawings of the chapter and in the reference: skin, hair) are
 * scored: PSNR of the composite against the truth there, automatic vs with the reference vs with hint dots, and the
 * spread of each part's color across its appearances (RMS CIE76 distance of each page's mean color of the part from
 * their mean). Writes {@code OUT/references.md} and {@code OUT/references.png} (reference | automatic | with the
 * reference | truth).
 */
final class EvaluateReferences {

    private static final int MIN_PART_PX = 20;
    private static final double RECURRING_SHARE = 0.6;

    private EvaluateReferences() {}

    /** Squared error and pixels over the recurring parts, and each part's mean color per page (Lab). */
    private static final class Row {
        double squaredError;
        long pixels;
        double wholeSquaredError;
        long wholePixels;
        final List<Double> spreads = new ArrayList<>();
        long followed;
        long regions;
        long millis;

        double psnr() {
            return 10 * Math.log10(1 / (squaredError / pixels));
        }

        double wholePsnr() {
            return 10 * Math.log10(1 / (wholeSquaredError / wholePixels));
        }

        double spread() {
            return spreads.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    static int run(String[] args) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("--pages", "--hints", "--sheet-pages"), Set.of());
        Path model = Path.of(line.positional(0, "MODEL artifact folder or zip"));
        Path dataset = Path.of(line.positional(1, "DATASET folder (from import-openmoji)"));
        Path out = Path.of(line.positional(2, "OUT_DIR"));
        int pagesPerChapter = Integer.parseInt(line.get("--pages", "12"));
        int hintCount = Integer.parseInt(line.get("--hints", "8"));
        // pages of each chapter on the picture sheet (a row each: reference | automatic | with the reference | truth)
        int sheetPages = Integer.parseInt(line.get("--sheet-pages", "1"));
        Files.createDirectories(out);
        Map<String, List<Triplet>> chapters = RecurringCharacters.chapters(
                new TripletFolder(dataset, 0, false).drawings("validation"));
        String hinted = hintCount + " hints";
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String name : List.of("automatic", "automatic, one vote per chapter", "with the reference", hinted,
                "with the reference and " + hinted)) {
            rows.put(name, new Row());
        }
        List<Mat> sheet = new ArrayList<>();
        int pages = 0;
        try (Colorizer colorizer = Colorizer.load(model, ColorizerOptions.defaults())) {
            for (Map.Entry<String, List<Triplet>> chapter : chapters.entrySet()) {
                List<Triplet> drawings = chapter.getValue();
                if (drawings.size() < 3) {
                    continue;
                }
                Triplet first = drawings.get(0);
                Mat referenceColor = first.readColor();
                long describeStart = System.nanoTime();
                ReferenceArt reference = colorizer.describeReference(referenceColor, first.readLines());
                long describeMillis = (System.nanoTime() - describeStart) / 1_000_000;
                List<Triplet> others = drawings.subList(1, Math.min(drawings.size(), 1 + pagesPerChapter));
                Set<Integer> recurring = recurringColors(drawings, first);
                Map<String, Map<Integer, List<double[]>>> partMeans = new HashMap<>();
                // every variant colors the chapter's pages in one call: the chapter-vote variants vote across them
                Map<String, List<PageInput>> inputs = new LinkedHashMap<>();
                List<Mat> lines = new ArrayList<>();
                for (Triplet page : others) {
                    Mat bgr = new Mat();
                    Imgproc.cvtColor(page.readLines(), bgr, Imgproc.COLOR_GRAY2BGR);
                    lines.add(bgr);
                    Mat hints = EvaluateColorizer.sampleHints(page.readFlats(), hintCount,
                            new Random(page.name().hashCode()));
                    String key = chapter.getKey();
                    inputs.computeIfAbsent("automatic", k -> new ArrayList<>()).add(new PageInput(bgr));
                    inputs.computeIfAbsent("automatic, one vote per chapter", k -> new ArrayList<>())
                            .add(new PageInput(bgr, null, List.of(), key));
                    inputs.computeIfAbsent("with the reference", k -> new ArrayList<>())
                            .add(new PageInput(bgr, null, List.of(reference)));
                    inputs.computeIfAbsent(hinted, k -> new ArrayList<>()).add(new PageInput(bgr, hints));
                    inputs.computeIfAbsent("with the reference and " + hinted, k -> new ArrayList<>())
                            .add(new PageInput(bgr, hints, List.of(reference)));
                }
                Map<String, double[]> before = new HashMap<>();
                rows.forEach((name, row) -> before.put(name, new double[] {row.squaredError, row.pixels, row.spreads.size()}));
                Map<String, List<ColorLayers>> outputs = new LinkedHashMap<>();
                for (Map.Entry<String, List<PageInput>> variant : inputs.entrySet()) {
                    long start = System.nanoTime();
                    List<ColorLayers> colored = colorizer.colorLayers(variant.getValue());
                    Row row = rows.get(variant.getKey());
                    row.millis += (System.nanoTime() - start) / 1_000_000;
                    for (int i = 0; i < others.size(); i++) {
                        Triplet page = others.get(i);
                        ColorLayers layers = colored.get(i);
                        row.followed += layers.matches().followed();
                        row.regions += layers.matches().regions();
                        score(row, layers.composite(), page.readColor(), page.readFlats(), lines.get(i), recurring,
                                partMeans.computeIfAbsent(variant.getKey(), k -> new TreeMap<>()));
                    }
                    outputs.put(variant.getKey(), colored);
                }
                for (int i = 0; i < Math.min(sheetPages, others.size()); i++) {
                    sheet.add(EvaluateColorizer.strip(List.of(referenceColor, outputs.get("automatic").get(i).composite(),
                            outputs.get("with the reference").get(i).composite(), others.get(i).readColor()), 192));
                }
                pages += others.size();
                partMeans.forEach((name, byColor) -> byColor.values().forEach(means -> {
                    if (means.size() >= 2) {
                        rows.get(name).spreads.add(spread(means));
                    }
                }));
                StringBuilder perVariant = new StringBuilder();
                rows.forEach((name, row) -> {
                    double[] b = before.get(name);
                    double psnr = 10 * Math.log10((row.pixels - b[1]) / (row.squaredError - b[0]));
                    List<Double> spreads = row.spreads.subList((int) b[2], row.spreads.size());
                    perVariant.append(String.format(Locale.ROOT, "; %s %.2f dB, spread %s", name, psnr,
                            spreads.stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList()));
                });
                System.out.printf(Locale.ROOT, "%s: %d pages, %d recurring colors, reference described in %d ms%s%n",
                        chapter.getKey(), others.size(), recurring.size(), describeMillis, perVariant);
            }
        }
        int pageCount = pages;
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%d chapters, %d pages (held-out authors' OpenMoji, one person and "
                + "skin tone per chapter, the first drawing the reference)%n%n", chapters.values().stream()
                .filter(d -> d.size() >= 3).count(), pages));
        report.append("| | PSNR, recurring parts (dB) | PSNR, whole page (dB) | spread of a part across pages (ΔE) "
                + "| regions following the reference | ms per page |\n|---|---|---|---|---|---|\n");
        rows.forEach((name, row) -> report.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.1f | %s | %d |%n",
                name, row.psnr(), row.wholePsnr(), row.spread(),
                row.regions == 0 ? "" : String.format(Locale.ROOT, "%.0f %%", 100.0 * row.followed / row.regions),
                pageCount == 0 ? 0 : row.millis / pageCount)));
        Files.writeString(out.resolve("references.md"), report.toString());
        if (!sheet.isEmpty()) {
            Mat picture = new Mat();
            Core.vconcat(sheet, picture);
            Imgcodecs.imwrite(out.resolve("references.png").toString(), picture);
        }
        System.out.print(report);
        return 0;
    }

    /**
     * The character's colors: true flat colors (packed RGB) that take at least {@link #MIN_PART_PX} pixels in the
     * reference and in {@link #RECURRING_SHARE} of the chapter's drawings; paper white and ink black excluded.
     */
    static Set<Integer> recurringColors(List<Triplet> drawings, Triplet reference) {
        Map<Integer, Integer> drawingsWith = new HashMap<>();
        for (Triplet t : drawings) {
            colorCounts(t.readFlats()).forEach((color, n) -> {
                if (n >= MIN_PART_PX) {
                    drawingsWith.merge(color, 1, Integer::sum);
                }
            });
        }
        Map<Integer, Integer> inReference = colorCounts(reference.readFlats());
        Set<Integer> recurring = new java.util.TreeSet<>();
        drawingsWith.forEach((color, n) -> {
            int r = color >> 16 & 0xff;
            int g = color >> 8 & 0xff;
            int b = color & 0xff;
            boolean paper = r > 240 && g > 240 && b > 240;
            boolean ink = r < 40 && g < 40 && b < 40;
            if (!paper && !ink && n >= RECURRING_SHARE * drawings.size()
                    && inReference.getOrDefault(color, 0) >= MIN_PART_PX) {
                recurring.add(color);
            }
        });
        return recurring;
    }

    private static Map<Integer, Integer> colorCounts(Mat flats) {
        byte[] bgr = new byte[3 * flats.cols() * flats.rows()];
        flats.get(0, 0, bgr);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < bgr.length; i += 3) {
            counts.merge((bgr[i + 2] & 0xff) << 16 | (bgr[i + 1] & 0xff) << 8 | bgr[i] & 0xff, 1, Integer::sum);
        }
        return counts;
    }

    /** Adds the page's errors to {@code row} and each recurring part's mean Lab color to {@code partMeans}. */
    private static void score(Row row, Mat output, Mat truth, Mat flats, Mat lines, Set<Integer> recurring,
            Map<Integer, List<double[]>> partMeans) {
        int n = output.cols() * output.rows();
        byte[] out = new byte[3 * n];
        byte[] want = new byte[3 * n];
        byte[] flat = new byte[3 * n];
        byte[] ink = new byte[n];
        output.get(0, 0, out);
        truth.get(0, 0, want);
        flats.get(0, 0, flat);
        Mat gray = lines.channels() == 1 ? lines : new Mat();
        if (gray != lines) {
            Imgproc.cvtColor(lines, gray, Imgproc.COLOR_BGR2GRAY);
        }
        gray.get(0, 0, ink);
        Mat lab = new Mat();
        Imgproc.cvtColor(output, lab, Imgproc.COLOR_BGR2Lab);
        byte[] outLab = new byte[3 * n];
        lab.get(0, 0, outLab);
        Map<Integer, double[]> sums = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double se = 0;
            for (int c = 0; c < 3; c++) {
                double d = ((out[3 * i + c] & 0xff) - (want[3 * i + c] & 0xff)) / 255.0;
                se += d * d;
            }
            row.wholeSquaredError += se;
            row.wholePixels += 3;
            int color = (flat[3 * i + 2] & 0xff) << 16 | (flat[3 * i + 1] & 0xff) << 8 | flat[3 * i] & 0xff;
            if ((ink[i] & 0xff) > 128 && recurring.contains(color)) {
                row.squaredError += se;
                row.pixels += 3;
                double[] sum = sums.computeIfAbsent(color, k -> new double[4]);
                sum[0] += (outLab[3 * i] & 0xff) / 2.55;
                sum[1] += (outLab[3 * i + 1] & 0xff) - 128;
                sum[2] += (outLab[3 * i + 2] & 0xff) - 128;
                sum[3]++;
            }
        }
        sums.forEach((color, sum) -> {
            if (sum[3] >= MIN_PART_PX) {
                partMeans.computeIfAbsent(color, k -> new ArrayList<>())
                        .add(new double[] {sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3]});
            }
        });
        lab.release();
    }

    /** RMS CIE76 distance of the means from their centroid. */
    static double spread(List<double[]> means) {
        double[] centroid = new double[3];
        for (double[] m : means) {
            for (int c = 0; c < 3; c++) {
                centroid[c] += m[c] / means.size();
            }
        }
        double sum = 0;
        for (double[] m : means) {
            for (int c = 0; c < 3; c++) {
                sum += (m[c] - centroid[c]) * (m[c] - centroid[c]);
            }
        }
        return Math.sqrt(sum / means.size());
    }
}
