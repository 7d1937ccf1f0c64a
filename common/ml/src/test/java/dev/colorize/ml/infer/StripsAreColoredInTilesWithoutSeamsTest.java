package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenCvNative;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A webtoon strip is colored in overlapping tiles at the inference resolution, blended so that no tile border
 * shows. The strip is real: twelve OpenMoji validation drawings stacked (line art and true colors, crops of
 * docs/quality/drawings.png) scaled to a webtoon's 800 pixels of width, colored by the shipped model.
 *
 * <p>The seam measure: E = colored page - truth; d(y) = mean |E(y+1) - E(y)| over a row; d averaged over the rows
 * within a model pixel of each tile border (the middle of each overlap), over d averaged over every row. A seam is
 * a jump of the error at the borders: a ratio well above 1.
 */
class StripsAreColoredInTilesWithoutSeamsTest {

    /** Above this ratio a border shows; measured: see docs/QUALITY.md ("Webtoon strips"). */
    static final double MAX_SEAM_RATIO = 1.3;
    static final int WEBTOON_WIDTH = 800;

    static Mat lines;
    static Mat truth;

    @BeforeAll
    static void strip() throws IOException {
        OpenCvNative.ensureLoaded();
        lines = toWebtoonWidth(resource("openmoji-strip-lines.png"));
        truth = toWebtoonWidth(resource("openmoji-strip-truth.png"));
    }

    @Test
    void featheredTilesShowNoSeamWhereHardCutsDo() throws IOException {
        ColorizerOptions.Tiling feathered = ColorizerOptions.Tiling.defaults();
        ColorizerOptions.Tiling hardCut = new ColorizerOptions.Tiling(feathered.stripAspect(), feathered.overlap(), 0);
        double blended = seamRatio(colored(feathered), feathered);
        double cut = seamRatio(colored(hardCut), hardCut);
        System.out.printf("seam ratio on a %dx%d strip: feathered %.3f, hard cuts %.3f%n", lines.cols(), lines.rows(),
                blended, cut);

        assertThat(cut).as("hard cuts between the same tiles show").isGreaterThan(MAX_SEAM_RATIO);
        assertThat(blended).as("feathered tiles").isLessThan(MAX_SEAM_RATIO);
    }

    @Test
    void aStripIsColoredAtItsOwnSizeWithItsLinesKeptAndCloserToTheTruthThanLetterboxedWhole() throws IOException {
        Mat colored = colored(ColorizerOptions.Tiling.defaults());
        assertThat(colored.size()).isEqualTo(lines.size());
        Mat ink = new Mat();
        Imgproc.threshold(gray(lines), ink, 60, 255, Imgproc.THRESH_BINARY_INV);
        assertThat(Core.minMaxLoc(gray(colored), ink).maxVal).as("multiply keeps every line dark").isLessThanOrEqualTo(60);

        // the way before tiles: the whole strip letterboxed into one 256 px square, 21 px wide
        Mat letterboxed = colored(new ColorizerOptions.Tiling(100, 0.25, 1));
        double tiledError = Core.norm(colored, truth, Core.NORM_L1) / colored.total() / 3;
        double letterboxedError = Core.norm(letterboxed, truth, Core.NORM_L1) / colored.total() / 3;
        double tiledChroma = meanChroma(colored);
        double letterboxedChroma = meanChroma(letterboxed);
        System.out.printf("mean absolute error to the truth: tiled %.2f, letterboxed %.2f; mean chroma: tiled %.2f,"
                + " letterboxed %.2f, truth %.2f%n", tiledError, letterboxedError, tiledChroma, letterboxedChroma,
                meanChroma(truth));
        assertThat(tiledError).isLessThan(letterboxedError);
        assertThat(tiledChroma).isGreaterThan(letterboxedChroma);
    }

    private static Mat colored(ColorizerOptions.Tiling tiling) throws IOException {
        // Per-pixel flats: the tiles' own blend is measured here; region flats would vote a seam away.
        try (Colorizer colorizer = Colorizer.load(shippedModel(),
                ColorizerOptions.defaults().withFlatFill(false).withTiling(tiling))) {
            return colorizer.colorizeImages(List.of(lines)).get(0);
        }
    }

    /**
     * The error's row jumps within a model pixel of the tile borders (the middles of the overlaps), averaged over
     * the borders, over the row jumps averaged over the whole strip.
     */
    private static double seamRatio(Mat colored, ColorizerOptions.Tiling tiling) {
        double[] jumps = rowJumps(colored, truth);
        int size = 2 * 128; // the shipped model colors frameless pages at twice its 128 px
        StripTiles tiles = new StripTiles(gray(lines), new Rect(0, 0, lines.cols(), lines.rows()), size,
                (int) Math.round(tiling.overlap() * size), 1);
        int modelPixel = (int) Math.ceil(lines.cols() / (double) size); // page rows one model pixel spans
        double atBorders = 0;
        int rows = 0;
        for (int k = 0; k + 1 < tiles.count(); k++) {
            Rect tile = tiles.tileInPage(k);
            int border = (tiles.tileInPage(k + 1).y + tile.y + tile.height) / 2;
            for (int y = border - modelPixel; y <= border + modelPixel; y++) {
                atBorders += jumps[y];
                rows++;
            }
        }
        return (atBorders / rows) / Arrays.stream(jumps).average().orElseThrow();
    }

    /** d(y) = mean over the row of |E(y+1) - E(y)|, E = colored - truth (all three channels). */
    private static double[] rowJumps(Mat colored, Mat truth) {
        Mat error = new Mat();
        Core.subtract(to32f(colored), to32f(truth), error);
        double[] jumps = new double[error.rows() - 1];
        for (int y = 0; y + 1 < error.rows(); y++) {
            Mat diff = new Mat();
            Core.absdiff(error.row(y + 1), error.row(y), diff);
            double[] perChannel = Core.mean(diff).val;
            jumps[y] = (perChannel[0] + perChannel[1] + perChannel[2]) / 3;
            diff.release();
        }
        return jumps;
    }

    private static double meanChroma(Mat bgr) {
        Mat lab = new Mat();
        Imgproc.cvtColor(bgr, lab, Imgproc.COLOR_BGR2Lab);
        List<Mat> channels = new ArrayList<>();
        Core.split(lab, channels);
        Mat a = to32f(channels.get(1));
        Mat b = to32f(channels.get(2));
        Core.subtract(a, new Scalar(128), a);
        Core.subtract(b, new Scalar(128), b);
        Mat chroma = new Mat();
        Core.magnitude(a, b, chroma);
        return Core.mean(chroma).val[0];
    }

    private static Mat to32f(Mat m) {
        Mat f = new Mat();
        m.convertTo(f, CvType.CV_32F);
        return f;
    }

    private static Mat gray(Mat bgr) {
        Mat g = new Mat();
        Imgproc.cvtColor(bgr, g, Imgproc.COLOR_BGR2GRAY);
        return g;
    }

    private static Mat toWebtoonWidth(Mat strip) {
        Mat wide = new Mat();
        double scale = (double) WEBTOON_WIDTH / strip.cols();
        Imgproc.resize(strip, wide, new Size(WEBTOON_WIDTH, Math.round(strip.rows() * scale)), 0, 0, Imgproc.INTER_CUBIC);
        return wide;
    }

    private static Mat resource(String name) throws IOException {
        try (InputStream in = StripsAreColoredInTilesWithoutSeamsTest.class.getResourceAsStream("/strips/" + name)) {
            return ImageCodec.decodeBgr(in.readAllBytes());
        }
    }

    /** models/default of the checkout: the module runs its tests from common/ml. */
    static Path shippedModel() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path model = dir.resolve("models/default");
            if (Files.isRegularFile(model.resolve("manifest.json"))) {
                return model;
            }
        }
        throw new IllegalStateException("models/default not found above " + Path.of("").toAbsolutePath());
    }
}
