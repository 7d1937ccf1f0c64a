package dev.colorize.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.platform.image.ImageHeader;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** The header reader the worker checks pages with, on pages as OpenCV writes them (WebP included). */
class ImageHeaderOfEncodedPagesTest {

    static {
        OpenCvNative.ensureLoaded();
    }

    @Test
    void sixteenBitRgbaPngIsMeasuredAtItsDecodedDepth() {
        assertThat(ImageHeader.read(encode(".png", new Mat(30, 50, CvType.CV_16UC4, Scalar.all(40_000)))))
                .isEqualTo(new ImageHeader(ImageFormat.PNG, 50, 30, 16, 4));
        assertThat(ImageHeader.read(encode(".png", new Mat(30, 50, CvType.CV_8UC1, Scalar.all(255)))))
                .isEqualTo(new ImageHeader(ImageFormat.PNG, 50, 30, 8, 1));
    }

    @Test
    void jpegAsOpenCvWritesIt() {
        assertThat(ImageHeader.read(encode(".jpg", new Mat(77, 91, CvType.CV_8UC3, Scalar.all(200)))))
                .isEqualTo(new ImageHeader(ImageFormat.JPEG, 91, 77, 8, 3));
    }

    @Test
    void lossyLosslessAndTransparentWebp() {
        assumeThat(Imgcodecs.haveImageWriter(".webp")).as("this OpenCV build writes WebP").isTrue();
        Mat page = new Mat(120, 333, CvType.CV_8UC3, Scalar.all(128));
        assertThat(ImageHeader.read(encode(".webp", page, Imgcodecs.IMWRITE_WEBP_QUALITY, 80)))
                .isEqualTo(new ImageHeader(ImageFormat.WEBP, 333, 120, 8, 3));
        assertThat(ImageHeader.read(encode(".webp", page, Imgcodecs.IMWRITE_WEBP_QUALITY, 101)))
                .extracting(ImageHeader::width, ImageHeader::height).containsExactly(333, 120);
        ImageHeader transparent = ImageHeader.read(encode(".webp", new Mat(64, 48, CvType.CV_8UC4, new Scalar(1, 2, 3, 100)),
                Imgcodecs.IMWRITE_WEBP_QUALITY, 101));
        assertThat(transparent).isEqualTo(new ImageHeader(ImageFormat.WEBP, 48, 64, 8, 4));
    }

    private static byte[] encode(String extension, Mat image, int... params) {
        MatOfByte out = new MatOfByte();
        assertThat(Imgcodecs.imencode(extension, image, out, new MatOfInt(params))).isTrue();
        return out.toArray();
    }
}
