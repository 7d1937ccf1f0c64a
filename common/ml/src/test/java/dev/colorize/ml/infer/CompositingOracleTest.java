package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A perfect network's flats, at model resolution, through the compositor: what the page can at best
 * look like. The truth is a colorist's page, flats x lines.
 */
class CompositingOracleTest {

    private static final Scalar[] PALETTE = {new Scalar(60, 60, 220), new Scalar(220, 140, 40),
        new Scalar(80, 200, 90), new Scalar(40, 200, 240), new Scalar(200, 80, 200), new Scalar(150, 150, 150)};

    /** Line art (gray) and flats (BGR) of a six-panel page: framed panels of filled, outlined shapes. */
    private static Mat[] page(int width, int height) {
        Mat lines = MangaPages.blank(width, height);
        Mat flats = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Random random = new Random(3);
        int k = 0;
        for (Rect box : MangaPages.grid(width, height, 2, 3, 30, 20)) {
            MangaPages.frame(lines, box, MangaPages.FRAME_PX); // first: it paints the panel's inside white
            for (int s = 0; s < 3; s++) {
                Point center = new Point(box.x + box.width * (0.25 + 0.5 * random.nextDouble()),
                        box.y + box.height * (0.25 + 0.5 * random.nextDouble()));
                Size axes = new Size(box.width * (0.1 + 0.15 * random.nextDouble()),
                        box.height * (0.1 + 0.15 * random.nextDouble()));
                Imgproc.ellipse(flats, center, axes, 0, 0, 360, PALETTE[k++ % PALETTE.length], -1);
                Imgproc.ellipse(lines, center, axes, 0, 0, 360, MangaPages.INK, 3);
            }
        }
        return new Mat[] {lines, flats};
    }

    private static Mat bgr(Mat gray) {
        Mat out = new Mat();
        Imgproc.cvtColor(gray, out, Imgproc.COLOR_GRAY2BGR);
        return out;
    }

    private static Mat lightness(Mat bgr) {
        Mat lab = new Mat();
        Imgproc.cvtColor(bgr, lab, Imgproc.COLOR_BGR2Lab);
        Mat l = new Mat();
        Core.extractChannel(lab, l, 0);
        return l;
    }

    /** The flats a perfect network would give at {@code longSide} px, scaled back to the page. */
    private static Mat atModelResolution(Mat flats, int longSide) {
        double scale = (double) longSide / Math.max(flats.cols(), flats.rows());
        Mat small = new Mat();
        Imgproc.resize(flats, small, new Size(flats.cols() * scale, flats.rows() * scale), 0, 0, Imgproc.INTER_AREA);
        Mat back = new Mat();
        Imgproc.resize(small, back, flats.size(), 0, 0, Imgproc.INTER_LINEAR);
        return back;
    }

    @Test
    void trueFlatsUnderTheLinesRebuildThePageWhereKeepingTheLightnessLosesTheColor() {
        Mat[] page = page(1000, 1400);
        Mat lines = page[0];
        Mat linesBgr = bgr(lines);
        Mat truth = new Mat();
        Core.multiply(page[1], linesBgr, truth, 1 / 255.0);
        Mat oracle = atModelResolution(page[1], 256);

        double sketch = Core.PSNR(linesBgr, truth);
        double multiply = Core.PSNR(Compositing.MULTIPLY.compose(linesBgr, oracle, lines), truth);
        double filled = Core.PSNR(Compositing.MULTIPLY.compose(linesBgr, new FlatFill().fill(lines, oracle), lines), truth);
        double lightness = Core.PSNR(Compositing.LIGHTNESS.compose(linesBgr, oracle, lines), truth);
        System.out.printf("oracle at 256 px: sketch %.1f dB, lightness %.1f dB, multiply %.1f dB, multiply + flat fill %.1f dB%n",
                sketch, lightness, multiply, filled);

        assertThat(multiply).isGreaterThan(sketch + 8);
        assertThat(filled).isGreaterThan(multiply).isGreaterThan(30);
        assertThat(lightness).isLessThan(multiply - 5);
    }

    @Test
    void autoMultipliesLineArtAndKeepsTheLightnessOfTonedPages() {
        Mat lines = page(600, 800)[0];
        Mat photo = new Mat(400, 300, CvType.CV_8UC1);
        for (int y = 0; y < photo.rows(); y++) {
            photo.row(y).setTo(new Scalar(40 + 180.0 * y / photo.rows()));
        }
        assertThat(Compositing.AUTO.resolve(lines)).isEqualTo(Compositing.MULTIPLY);
        assertThat(Compositing.AUTO.resolve(photo)).isEqualTo(Compositing.LIGHTNESS);
        assertThat(Compositing.MULTIPLY.resolve(photo)).isEqualTo(Compositing.MULTIPLY);
        // on the toned page the flats' chroma is laid over the page's own lightness
        Mat flats = new Mat(photo.size(), CvType.CV_8UC3, new Scalar(40, 40, 200));
        Mat out = Compositing.AUTO.compose(bgr(photo), flats, photo);
        Mat diff = new Mat();
        Core.absdiff(lightness(out), lightness(bgr(photo)), diff);
        assertThat(Core.mean(diff).val[0]).isLessThan(10); // 8-bit Lab clips out-of-gamut chroma a little
        assertThat(Core.mean(out).val[2]).isGreaterThan(Core.mean(out).val[0] + 20); // reddish
        List.of(diff, out).forEach(Mat::release);
    }
}
