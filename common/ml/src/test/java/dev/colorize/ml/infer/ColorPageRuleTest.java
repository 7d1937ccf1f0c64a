package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenCvNative;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** The color-page rule on pages whose answer is known; its measurement on real drawings is in the trainer's tests. */
class ColorPageRuleTest {

    private final ColorPageRule rule = ColorPageRule.defaults();

    @BeforeAll
    static void openCv() {
        OpenCvNative.ensureLoaded();
    }

    /** A frameless manga page in BGR: scribbles, a black silhouette, text. */
    private static Mat lineArt(int width, int height) {
        Mat gray = MangaPages.frameless(width, height, new Random(3));
        Mat bgr = new Mat();
        Imgproc.cvtColor(gray, bgr, Imgproc.COLOR_GRAY2BGR);
        return bgr;
    }

    private static Mat jpeg(Mat page, int quality) {
        MatOfByte bytes = new MatOfByte();
        Imgcodecs.imencode(".jpg", page, bytes, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
        return ImageCodec.decodeBgr(bytes.toArray());
    }

    @Test
    void blackAndWhitePagesAreNotColorEvenScannedOnYellowedPaperAsJpeg() {
        Mat page = lineArt(1200, 1700);
        assertThat(rule.coloredShare(page)).isZero();
        Mat yellowed = new Mat();
        Core.multiply(page, new Scalar(0.80, 0.92, 0.98), yellowed); // BGR: old paper
        Mat noise = new Mat(page.size(), CvType.CV_16SC3);
        Core.setRNGSeed(5);
        Core.randn(noise, 0, 6);
        Mat scan = new Mat();
        Core.add(yellowed, noise, scan, new Mat(), CvType.CV_8UC3);
        assertThat(rule.coloredShare(jpeg(scan, 50))).isLessThan(rule.minColoredShare() / 10);
        assertThat(rule.isColor(jpeg(scan, 50))).isFalse();
    }

    @Test
    void aColorCoverIsColorWhateverItsSizeOrChannels() {
        Mat cover = lineArt(1200, 1700);
        Imgproc.rectangle(cover, new Point(0, 0), new Point(1200, 500), new Scalar(190, 110, 30), -1); // blue sky
        Imgproc.circle(cover, new Point(600, 1100), 300, new Scalar(60, 170, 240), -1); // skin tone
        assertThat(rule.coloredShare(cover)).isGreaterThan(0.3);
        assertThat(rule.isColor(jpeg(cover, 60))).isTrue();
        Mat bgra = new Mat();
        Imgproc.cvtColor(cover, bgra, Imgproc.COLOR_BGR2BGRA);
        assertThat(rule.isColor(bgra)).isTrue();
        Mat small = new Mat();
        Imgproc.resize(cover, small, new org.opencv.core.Size(120, 170));
        assertThat(rule.isColor(small)).isTrue();
    }

    @Test
    void aSmallColoredMarkDoesNotMakeAPageColorAndTheThresholdsAreSettings() {
        Mat page = lineArt(1000, 1400);
        Mat mark = page.submat(new Rect(900, 1300, 60, 60)); // a red publisher's stamp: 0.26 % of the page
        mark.setTo(new Scalar(30, 30, 220));
        assertThat(rule.isColor(page)).isFalse();
        assertThat(new ColorPageRule(ColorPageRule.DEFAULT_CHROMA_THRESHOLD, 0.001).isColor(page)).isTrue();
        assertThat(new ColorPageRule(200, 0.001).isColor(page)).as("no chroma reaches 200").isFalse();
        assertThat(rule.coloredShare(Mat.zeros(50, 50, CvType.CV_8UC1))).as("gray has no chroma").isZero();
        assertThatThrownBy(() -> new ColorPageRule(15, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColorPageRule(0, 0.02)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageMostlyOfOneStrongColorIsNotNeutralisedAsPaper() {
        Mat page = new Mat(800, 600, CvType.CV_8UC3, new Scalar(40, 40, 200)); // a red poster page
        Imgproc.putText(page, "TITLE", new Point(50, 400), Imgproc.FONT_HERSHEY_SIMPLEX, 5, new Scalar(0, 0, 0), 12);
        assertThat(rule.isColor(page)).isTrue();
    }
}
