package dev.colorize.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.ml.infer.LineLayer;
import dev.colorize.ml.testing.PhotoshopFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Layered PSDs read back by a real PSD reader (TwelveMonkeys imageio-psd): names, order, blend modes, pixels. */
class PhotoshopDocumentTest {

    /** ARGB of pixel (x, y) of a BGR or BGRA Mat. */
    private static int argb(Mat image, int x, int y) {
        double[] v = image.get(y, x);
        int alpha = v.length == 4 ? (int) v[3] : 255;
        return alpha << 24 | (int) v[2] << 16 | (int) v[1] << 8 | (int) v[0];
    }

    private static void assertSamePixels(BufferedImage read, Mat written, boolean alpha) {
        assertThat(read.getWidth()).isEqualTo(written.cols());
        assertThat(read.getHeight()).isEqualTo(written.rows());
        for (int y = 0; y < written.rows(); y++) {
            for (int x = 0; x < written.cols(); x++) {
                int want = argb(written, x, y);
                int got = read.getRGB(x, y);
                if (alpha) {
                    int a = want >>> 24;
                    assertThat(got >>> 24).as("alpha at (%d,%d)", x, y).isEqualTo(a);
                    if (a == 0) {
                        continue; // a fully transparent pixel has no color to compare
                    }
                }
                assertThat(got & 0xffffff).as("(%d,%d)", x, y).isEqualTo(want & 0xffffff);
            }
        }
    }

    @Test
    void linesOnMultiplyOverFlatsReadBackWithTheirNamesOrderBlendModesAndPixels() throws IOException {
        OpenCvNative.ensureLoaded();
        Mat page = new Mat(90, 131, CvType.CV_8UC1, new Scalar(255));
        Imgproc.circle(page, new Point(60, 45), 30, new Scalar(0), 3);
        Mat flats = new Mat(90, 131, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.circle(flats, new Point(60, 45), 31, new Scalar(40, 90, 200), -1);
        Mat lines = LineLayer.of(page);
        Mat merged = LineLayer.over(lines, flats);

        byte[] psd = PhotoshopDocument.write(List.of(new PhotoshopDocument.Layer("lines", lines, true),
                new PhotoshopDocument.Layer("flats", flats, false)), merged);

        PhotoshopFile back = PhotoshopFile.read(psd);
        assertThat(back.layers()).extracting(PhotoshopFile.Layer::name).containsExactly("flats", "lines");
        assertThat(back.layers()).extracting(PhotoshopFile.Layer::blendMode).containsExactly("norm", "mul ");
        assertThat(back.layers()).extracting(PhotoshopFile.Layer::visible).containsOnly(true);
        assertSamePixels(back.merged(), merged, false);
        assertSamePixels(back.layers().get(0).pixels(), flats, false);
        assertSamePixels(back.layers().get(1).pixels(), lines, true);
        assertThat(psd.length).as("flat runs pack well").isLessThan(90 * 131 * 4);
    }

    @Test
    void noisyPixelsAndNonAsciiNamesSurviveTheRunLengthCode() throws IOException {
        OpenCvNative.ensureLoaded();
        Mat noise = new Mat(37, 301, CvType.CV_8UC3);
        Core.randu(noise, 0, 256);
        noise.submat(10, 20, 0, 301).setTo(new Scalar(7, 7, 7)); // runs longer than 128 among literals

        byte[] psd = PhotoshopDocument.write(List.of(new PhotoshopDocument.Layer("Farbflächen", noise, false)), noise);

        PhotoshopFile back = PhotoshopFile.read(psd);
        assertThat(back.layers()).extracting(PhotoshopFile.Layer::name).containsExactly("Farbflächen");
        assertSamePixels(back.merged(), noise, false);
        assertSamePixels(back.layers().get(0).pixels(), noise, false);
    }

    @Test
    void aLayerOfAnotherSizeIsRefused() {
        OpenCvNative.ensureLoaded();
        Mat merged = new Mat(10, 10, CvType.CV_8UC3, new Scalar(0, 0, 0));
        Mat small = new Mat(9, 10, CvType.CV_8UC3, new Scalar(0, 0, 0));
        assertThatThrownBy(() -> PhotoshopDocument.write(List.of(new PhotoshopDocument.Layer("x", small, false)), merged))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10x10");
    }
}
