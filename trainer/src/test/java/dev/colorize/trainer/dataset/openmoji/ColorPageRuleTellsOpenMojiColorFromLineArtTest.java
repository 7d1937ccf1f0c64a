package dev.colorize.trainer.dataset.openmoji;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.infer.ColorPageRule;
import dev.colorize.trainer.dataset.triplet.Pixels;
import dev.colorize.trainer.dataset.triplet.SvgRasterizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The measurement behind {@link ColorPageRule}'s defaults, on real drawings: OpenMoji color composites against
 * their own line art, clean and as a poor scan (yellowed paper, sensor noise, JPEG at quality 60). By default the
 * fixture's drawings; the whole package with {@code -Dopenmoji.package=openmoji-17.0.0.tgz} (see docs/QUALITY.md).
 */
class ColorPageRuleTellsOpenMojiColorFromLineArtTest {

    /** Drawings whose color version is itself black, white or gray (e.g. the white heart): not color pages. */
    private static final double COLORLESS_DRAWING = 0.01;
    private static final int SIZE = 256;

    private final SvgRasterizer rasterizer = new SvgRasterizer();
    private final ColorPageRule rule = ColorPageRule.defaults();

    @BeforeAll
    static void openCv() {
        OpenCvNative.ensureLoaded();
    }

    @Test
    void lineArtIsNeverColorAndColoredDrawingsAreColor() throws IOException {
        String source = System.getProperty("openmoji.package");
        OpenMojiPackage openMoji = OpenMojiPackage.read(source == null ? OpenMojiFixture.folder() : Path.of(source));
        List<Double> colorShares = new ArrayList<>();
        double worstLineArt = 0;
        double worstScan = 0;
        int colorless = 0;
        int unrenderable = 0;
        Random random = new Random(7);
        for (OpenMojiDrawing drawing : openMoji.drawings()) {
            double color;
            Mat lines;
            try {
                color = rule.coloredShare(bgr(Pixels.rgbOnWhite(
                        rasterizer.render(drawing.colorSvg(), SvgLayer.COLOR::strip, SIZE, SIZE))));
                lines = bgr(Pixels.grayOnWhite(rasterizer.render(drawing.colorSvg(), SvgLayer.LINES::strip, SIZE, SIZE)));
            } catch (IOException | RuntimeException e) {
                unrenderable++; // the importer leaves these out too (a few reference elements Batik does not find)
                continue;
            }
            worstLineArt = Math.max(worstLineArt, rule.coloredShare(lines));
            worstScan = Math.max(worstScan, rule.coloredShare(poorScan(lines, random)));
            if (color < COLORLESS_DRAWING) {
                colorless++;
            } else {
                colorShares.add(color);
            }
        }
        Collections.sort(colorShares);
        long detected = colorShares.stream().filter(s -> s >= rule.minColoredShare()).count();
        System.out.printf("ColorPageRule on %d OpenMoji drawings (%d unrenderable, %d colorless): colored share of line art"
                + " max %.5f, of poor scans max %.5f; of color drawings min %.4f, 1st percentile %.4f, 5th %.4f, 10th"
                + " %.4f, median %.4f; detected at %.2f: %d of %d%n", openMoji.drawings().size(), unrenderable,
                colorless, worstLineArt, worstScan, colorShares.get(0), percentile(colorShares, 1),
                percentile(colorShares, 5), percentile(colorShares, 10), percentile(colorShares, 50),
                rule.minColoredShare(), detected, colorShares.size());
        assertThat(worstLineArt).isLessThan(rule.minColoredShare() / 10);
        assertThat(worstScan).isLessThan(rule.minColoredShare() / 10);
        assertThat((double) detected / colorShares.size()).isGreaterThanOrEqualTo(0.95);
    }

    private static double percentile(List<Double> sorted, int percent) {
        return sorted.get(sorted.size() * percent / 100);
    }

    /** A yellowed paper tint, sensor noise and a JPEG at quality 60: what a careless scan of line art looks like. */
    private static Mat poorScan(Mat lines, Random random) {
        Mat tinted = new Mat();
        Core.multiply(lines, new Scalar(0.84, 0.93, 0.99), tinted); // BGR: less blue, i.e. yellowish paper
        Mat noise = new Mat(lines.size(), CvType.CV_16SC3);
        Core.setRNGSeed(random.nextInt());
        Core.randn(noise, 0, 4);
        Mat noisy = new Mat();
        Core.add(tinted, noise, noisy, new Mat(), CvType.CV_8UC3);
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", noisy, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 60));
        return ImageCodec.decodeBgr(jpeg.toArray());
    }

    private static Mat bgr(BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return ImageCodec.decodeBgr(png.toByteArray());
    }
}
