package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.ml.testing.TinyModels;
import dev.colorize.ml.bench.ResidentMemory;
import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.data.UndecodableImageException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class ColorizerPagesTest {

    @TempDir
    static Path dir;
    static Path artifact;

    @BeforeAll
    static void tinyModel() throws Exception {
        OpenCvNative.ensureLoaded();
        artifact = TinyModels.trainedArtifact(dir, 5, 4);
    }

    /** Odd-sized line art: black strokes on white. */
    private static Mat lineArt(int width, int height) {
        Mat page = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.circle(page, new Point(width / 2.0, height / 2.0), width / 3, new Scalar(0, 0, 0), 2);
        Imgproc.line(page, new Point(5, 7), new Point(width - 9, height - 4), new Scalar(0, 0, 0), 1);
        return page;
    }

    private static Mat gray(Mat bgr) {
        Mat g = new Mat();
        Imgproc.cvtColor(bgr, g, Imgproc.COLOR_BGR2GRAY);
        return g;
    }

    @Test
    void aStripAtTheAspectLimitIsColoredWithinTheMemoryItsTilingNeeds() throws Exception {
        // 1:200 is the services' max-page-aspect. The strip is scaled so its short side is the 128 px tile: its tiling
        // holds ~17 bytes per scaled pixel (the scaled strip, the blend's float sums and weights), 128 x 25600 x 17 =
        // 56 MB, and the tiles themselves are cut one batch at a time; the rest of the growth is the Java heap taking
        // the batches' float arrays and the allocators' pools (155 and 243 MiB measured in two runs on the shared
        // 2-core machine, hence the bound). A longer page needs proportionally more: 1:10000 (100x1,000,000) would need
        // ~2.8 GB for the tiling alone at this tile size, four times that at a frameless page's 256 px.
        try (Colorizer colorizer = Colorizer.load(artifact, ColorizerOptions.defaults())) {
            colorizer.colorizeImages(List.of(lineArt(8, 160))).get(0).release(); // warm-up: allocator pools, JIT
            System.gc();
            long before = ResidentMemory.kib();
            AtomicLong peak = new AtomicLong(before);
            AtomicBoolean coloring = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (coloring.get()) {
                    peak.accumulateAndGet(ResidentMemory.kib(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            Mat colored;
            try {
                colored = colorizer.colorizeImages(List.of(lineArt(8, 1600))).get(0);
            } finally {
                coloring.set(false);
                sampler.join();
            }
            long grownKib = peak.get() - before;
            System.out.printf("a 8x1600 strip (1:200): resident memory grew by %d KiB at its peak%n", grownKib);

            assertThat(colored.size()).isEqualTo(new Size(8, 1600));
            assertThat(grownKib).as("resident growth, KiB").isLessThan(512 * 1024);
        }
    }

    @Test
    void pagesComeBackAtTheirOriginalSizeWithTheLineArtKept() throws Exception {
        try (Colorizer colorizer = Colorizer.load(artifact, ColorizerOptions.defaults())) {
            Mat page = lineArt(333, 517);
            Mat wide = lineArt(800, 150);
            List<ColorizedPage> out = colorizer.colorize(List.of(ImageCodec.encodePng(page), ImageCodec.encodePng(wide)));

            Mat colored = out.get(0).imageOrThrow();
            assertThat(colored.cols()).isEqualTo(333);
            assertThat(colored.rows()).isEqualTo(517);
            assertThat(out.get(1).imageOrThrow().size()).isEqualTo(wide.size());
            assertThat(out.get(0).toBufferedImage().getWidth()).isEqualTo(333);

            // The page is the multiply layer: every line pixel stays dark.
            Mat inGray = gray(page);
            Mat lines = new Mat();
            Imgproc.threshold(inGray, lines, 100, 255, Imgproc.THRESH_BINARY_INV);
            assertThat(Core.minMaxLoc(gray(colored), lines).maxVal).isLessThan(60);
        }
    }

    @Test
    void theLightnessPathKeepsThePagesOwnBrightness() throws Exception {
        ColorizerOptions lightness = ColorizerOptions.defaults().withCompositing(Compositing.LIGHTNESS);
        try (Colorizer colorizer = Colorizer.load(artifact, lightness)) {
            Mat page = lineArt(333, 517);
            Mat diff = new Mat();
            Core.absdiff(gray(page), gray(colorizer.colorizeImages(List.of(page)).get(0)), diff);
            assertThat(Core.mean(diff).val[0]).isLessThan(4);
        }
    }

    @Test
    void aCorruptPageFailsAloneWhileItsBatchNeighboursSucceed() throws Exception {
        try (Colorizer colorizer = Colorizer.load(artifact, ColorizerOptions.defaults())) {
            byte[] good = ImageCodec.encodePng(lineArt(120, 90));
            byte[] corrupt = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
            List<ColorizedPage> out = colorizer.colorize(List.of(good, corrupt, good));

            assertThat(out).extracting(ColorizedPage::succeeded).containsExactly(true, false, true);
            assertThat(out.get(1).index()).isEqualTo(1);
            assertThatThrownBy(() -> out.get(1).imageOrThrow())
                    .isInstanceOf(UndecodableImageException.class)
                    .hasMessageContaining("page 1");
            assertThat(ImageCodec.decodeBgr(out.get(2).toPng()).size()).isEqualTo(lineArt(120, 90).size());
        }
    }

    @Test
    void grayscalePhotosWorkAndDropoutNoiseIsOnlyUsedWhenAskedFor() throws Exception {
        Mat photo = new Mat(101, 77, CvType.CV_8UC1);
        Core.randu(photo, 0, 255);
        byte[] encoded = ImageCodec.encodePng(photo);
        try (Colorizer deterministic = Colorizer.load(artifact, ColorizerOptions.defaults());
                Colorizer noisy = Colorizer.load(artifact, new ColorizerOptions("auto", 1, 4, true).withFlatFill(false))) {
            Mat first = deterministic.colorize(List.of(encoded)).get(0).imageOrThrow();
            Mat second = deterministic.colorize(List.of(encoded)).get(0).imageOrThrow();
            assertThat(first.size()).isEqualTo(photo.size());
            assertThat(Core.norm(first, second, Core.NORM_INF)).isZero();

            Mat noisyFirst = noisy.colorize(List.of(encoded)).get(0).imageOrThrow();
            Mat noisySecond = noisy.colorize(List.of(encoded)).get(0).imageOrThrow();
            assertThat(Core.norm(noisyFirst, noisySecond, Core.NORM_INF)).isPositive();
        }
    }
}
