package dev.colorize.trainer.cli;

import dev.colorize.ml.data.ImageTensors;
import dev.colorize.ml.data.TripletFolder;
import dev.colorize.ml.data.TripletFolder.Triplet;
import dev.colorize.ml.eval.FlatSpread;
import dev.colorize.ml.eval.HintLeak;
import dev.colorize.ml.eval.ImageMetrics;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.ml.infer.Colorizer.PageInput;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.ml.infer.Compositing;
import dev.colorize.ml.infer.FlatFill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * {@code evaluate-colorizer MODEL DATASET OUT_DIR [--drawings N] [--pages N] [--hints N] [--content-zoom Z]
 * [--figure-scale F] [--split validation|train]}: the whole
 * page pipeline (panels, flats, region flats, multiply) on the author-held-out validation triplets at full
 * resolution, composite against the true composite. Rows: the model without and with hint dots sampled
 * from the truth, with region flats (the default) and with per-pixel flats, the sketch returned as is, and the
 * oracle (true flats through the region pipeline, and as they are). Columns besides PSNR: colorfulness, line F1,
 * the chroma spread inside truth-flat regions ({@link FlatSpread}) and, for hinted rows, the share of the page
 * painted exactly a hint's color where the truth is another color (a hint's leak).
 * Writes {@code OUT/quality.md} (the table) and picture sheets {@code OUT/drawings.png} and
 * {@code OUT/page-N.png} (line art | automatic | hinted | truth). {@code --content-zoom} sets the pipeline's
 * {@link ColorizerOptions#contentZoom} (0: panels always colored whole); {@code --figure-scale F} shrinks every
 * triplet by F onto paper of its size (a small figure in a large panel); {@code --split train} evaluates a source
 * a model did not train on by all of its drawings, not only its held-out authors'.
 */
final class EvaluateColorizer {

    private static final int SHEET_DRAWINGS = 12;
    private static final int SHEET_PAGES = 2;

    private EvaluateColorizer() {}

    /**
     * One row of the table. PSNR is of the mean squared error over all images (a per-image mean would be
     * dominated by the few drawings an output matches exactly); colorfulness is the ratio of the sums.
     */
    private static final class Row {
        double squaredError;
        double colorfulness;
        double truthColorfulness;
        double lineF1;
        double spread;
        double leak;
        int n;

        void add(Mat output, Mat truth, Mat lines, Mat truthFlats) {
            float[] out = unit(output);
            float[] target = unit(truth);
            double mse = 0;
            for (int i = 0; i < out.length; i++) {
                double d = out[i] - target[i];
                mse += d * d;
            }
            squaredError += mse / out.length;
            colorfulness += ImageMetrics.colorfulness(out);
            truthColorfulness += ImageMetrics.colorfulness(target);
            lineF1 += ImageMetrics.linePreservation(unit(lines), out)[0];
            spread += FlatSpread.of(output, truthFlats, lines);
            n++;
        }

        double psnr() {
            return 10 * Math.log10(n / squaredError);
        }

        String format(String name, double sketchPsnr) {
            double psnr = psnr();
            return String.format(Locale.ROOT, "| %s | %.2f | %+.2f | %.2f | %.3f | %.2f | %s |", name, psnr,
                    psnr - sketchPsnr, colorfulness / Math.max(1e-9, truthColorfulness), lineF1 / n, spread / n,
                    name.contains("hints") ? String.format(Locale.ROOT, "%.2f %%", 100 * leak / n) : "");
        }
    }

    static int run(String[] args) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("--drawings", "--pages", "--hints",
                "--content-zoom", "--figure-scale", "--split"), Set.of());
        Path model = Path.of(line.positional(0, "MODEL artifact folder or zip"));
        Path dataset = Path.of(line.positional(1, "DATASET folder (from import-openmoji)"));
        Path out = Path.of(line.positional(2, "OUT_DIR"));
        int drawings = Integer.parseInt(line.get("--drawings", "200"));
        int pages = Integer.parseInt(line.get("--pages", "20"));
        int hints = Integer.parseInt(line.get("--hints", "8"));
        ColorizerOptions options = ColorizerOptions.defaults().withContentZoom(
                Double.parseDouble(line.get("--content-zoom", Double.toString(ColorizerOptions.CONTENT_ZOOM))));
        double figureScale = Double.parseDouble(line.get("--figure-scale", "1"));
        String split = line.get("--split", "validation");
        Files.createDirectories(out);
        TripletFolder folder = new TripletFolder(dataset, 0, false);
        StringBuilder report = new StringBuilder();
        try (Colorizer regionFlats = Colorizer.load(model, options);
                Colorizer perPixel = Colorizer.load(model, options.withFlatFill(false))) {
            report.append(evaluate("drawings", spread(folder.drawings(split), drawings), regionFlats, perPixel,
                    hints, figureScale, out, SHEET_DRAWINGS, true));
            report.append(evaluate("pages", spread(folder.pages(split), pages), regionFlats, perPixel, hints,
                    figureScale, out, SHEET_PAGES, false));
        }
        Files.writeString(out.resolve("quality.md"), report.toString());
        System.out.print(report);
        return 0;
    }

    /** {@code regionFlats}: the default pipeline; {@code perPixel}: the same model keeping the prediction per pixel. */
    private static String evaluate(String what, List<Triplet> triplets, Colorizer regionFlats, Colorizer perPixel,
            int hintCount, double figureScale, Path out, int sheetRows, boolean oneSheet) {
        String hinted = hintCount + " hints";
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String name : List.of("model, automatic, region flats (default)", "model, automatic, per-pixel flats",
                "model, " + hinted + ", region flats (default)", "model, " + hinted + ", per-pixel flats",
                "sketch as output", "oracle (true flats, region flats, multiply)", "oracle (true flats, multiply)",
                "truth")) {
            rows.put(name, new Row());
        }
        List<Mat> sheet = new ArrayList<>();
        int sheetShown = 0;
        long start = System.nanoTime();
        FlatFill flatFill = new FlatFill();
        for (int i = 0; i < triplets.size(); i++) {
            Triplet t = triplets.get(i);
            Random place = new Random(t.name().hashCode() ^ 0x5ca1e);
            int x = place.nextInt(1 << 16);
            int y = place.nextInt(1 << 16);
            Mat lines = shrunk(t.readLines(), figureScale, x, y);
            Mat page = new Mat();
            Imgproc.cvtColor(lines, page, Imgproc.COLOR_GRAY2BGR);
            Mat flats = shrunk(t.readFlats(), figureScale, x, y);
            Mat truth = shrunk(t.readColor(), figureScale, x, y);
            Mat hints = sampleHints(flats, hintCount, new Random(t.name().hashCode()));
            List<PageInput> inputs = List.of(new PageInput(page), new PageInput(page, hints));
            List<Colorizer.ColorLayers> region = regionFlats.colorLayers(inputs);
            List<Colorizer.ColorLayers> pixel = perPixel.colorLayers(inputs);
            Mat oracle = Compositing.MULTIPLY.compose(page, flatFill.fill(lines, flats), lines);
            List<Mat> outputs = List.of(region.get(0).composite(), pixel.get(0).composite(), region.get(1).composite(),
                    pixel.get(1).composite(), page, oracle, Compositing.MULTIPLY.compose(page, flats, lines), truth);
            int k = 0;
            for (Row row : rows.values()) {
                row.add(outputs.get(k++), truth, lines, flats);
            }
            rows.get("model, " + hinted + ", region flats (default)").leak += HintLeak.share(region.get(1).flats(), flats, hints);
            rows.get("model, " + hinted + ", per-pixel flats").leak += HintLeak.share(pixel.get(1).flats(), flats, hints);
            if (i % Math.max(1, triplets.size() / sheetRows) == 0 && sheetShown < sheetRows) { // spread over the set
                sheetShown++;
                Mat strip = strip(List.of(page, pixel.get(0).composite(), region.get(0).composite(),
                        withHints(region.get(1).composite(), hints), truth), oneSheet ? 192 : 720);
                if (oneSheet) {
                    sheet.add(strip);
                } else {
                    Imgcodecs.imwrite(out.resolve("page-" + sheetShown + ".png").toString(), strip);
                }
            }
        }
        if (oneSheet && !sheet.isEmpty()) {
            Mat all = new Mat();
            Core.vconcat(sheet, all);
            Imgcodecs.imwrite(out.resolve(what + ".png").toString(), all);
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n### Validation %s (%d, held-out authors, %.0f ms each for all four runs)%n%n"
                        + "| output | PSNR dB (of the mean MSE) | vs sketch | colorfulness / truth | line F1"
                        + " | chroma spread in truth flats | hint leak |%n"
                        + "| --- | --- | --- | --- | --- | --- | --- |%n",
                what, triplets.size(), (System.nanoTime() - start) / 1e6 / Math.max(1, triplets.size())));
        double sketch = rows.get("sketch as output").psnr();
        rows.forEach((name, row) -> table.append(row.format(name, sketch)).append('\n'));
        return table.toString();
    }

    /**
     * {@code image} shrunk by {@code scale} onto white paper of its own size, at a place picked by {@code x, y}
     * (the same for a triplet's three layers): a small figure in a large panel ({@code --figure-scale}).
     */
    static Mat shrunk(Mat image, double scale, int x, int y) {
        if (scale >= 1) {
            return image;
        }
        Mat small = new Mat();
        Imgproc.resize(image, small, new Size(Math.max(1, Math.round(image.cols() * scale)),
                Math.max(1, Math.round(image.rows() * scale))), 0, 0, Imgproc.INTER_AREA);
        Mat paper = new Mat(image.size(), image.type(), Scalar.all(255));
        small.copyTo(paper.submat(new Rect(x % (image.cols() - small.cols() + 1), y % (image.rows() - small.rows() + 1),
                small.cols(), small.rows())));
        small.release();
        image.release();
        return paper;
    }

    /** At most {@code count} items evenly spread over the list (validation files are sorted by code point). */
    static <T> List<T> spread(List<T> all, int count) {
        if (all.size() <= count) {
            return all;
        }
        List<T> picked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            picked.add(all.get((int) ((long) i * all.size() / count)));
        }
        return picked;
    }

    /** {@code count} dots of the true flat color at random colored places, as a user would click them. */
    static Mat sampleHints(Mat flats, int count, Random random) {
        Mat hints = Mat.zeros(flats.size(), CvType.CV_8UC4);
        int radius = Math.max(2, Math.max(flats.cols(), flats.rows()) / 128);
        byte[] bgr = new byte[3];
        for (int placed = 0, tries = 0; placed < count && tries < 1000; tries++) {
            int x = random.nextInt(flats.cols());
            int y = random.nextInt(flats.rows());
            flats.get(y, x, bgr);
            if ((bgr[0] & 0xff) > 245 && (bgr[1] & 0xff) > 245 && (bgr[2] & 0xff) > 245) {
                continue;
            }
            Imgproc.circle(hints, new Point(x, y), radius, new Scalar(bgr[0] & 0xff, bgr[1] & 0xff, bgr[2] & 0xff, 255), -1);
            placed++;
        }
        return hints;
    }

    /** The hint dots drawn over the result, ringed in black, so a reader sees what was asked. */
    static Mat withHints(Mat image, Mat hints) {
        Mat shown = image.clone();
        Mat alpha = new Mat();
        Core.extractChannel(hints, alpha, 3);
        Mat ring = new Mat();
        Imgproc.dilate(alpha, ring, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(5, 5)));
        shown.setTo(new Scalar(0, 0, 0), ring);
        Mat bgr = new Mat();
        Imgproc.cvtColor(hints, bgr, Imgproc.COLOR_BGRA2BGR);
        bgr.copyTo(shown, alpha);
        return shown;
    }

    static Mat strip(List<Mat> images, int height) {
        List<Mat> scaled = new ArrayList<>();
        for (Mat image : images) {
            Mat s = new Mat();
            Imgproc.resize(image, s, new Size(Math.round(image.cols() * (double) height / image.rows()), height), 0, 0,
                    Imgproc.INTER_AREA);
            scaled.add(s);
        }
        Mat strip = new Mat();
        Core.hconcat(scaled, strip);
        return strip;
    }

    /** Planes in [0, 1]: RGB for a color image, one plane for gray. */
    private static float[] unit(Mat image) {
        float[] planes = ImageTensors.toTensor(image);
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (planes[i] + 1f) / 2f;
        }
        return planes;
    }
}
