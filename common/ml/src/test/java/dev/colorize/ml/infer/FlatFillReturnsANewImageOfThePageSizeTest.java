package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.ml.data.OpenCvNative;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class FlatFillReturnsANewImageOfThePageSizeTest {

    @Test
    void anOddSizedBgrPageComesBackAtItsSizeAndThePredictionIsUntouched() {
        OpenCvNative.ensureLoaded();
        Mat page = new Mat(517, 333, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.circle(page, new Point(160, 250), 100, new Scalar(0, 0, 0), 2);
        Mat prediction = new Mat(517, 333, CvType.CV_8UC3);
        Core.randu(prediction, 0, 256);
        Mat before = prediction.clone();

        Mat filled = new FlatFill().fill(page, prediction);

        assertThat(filled.size()).isEqualTo(page.size());
        assertThat(filled.type()).isEqualTo(CvType.CV_8UC3);
        assertThat(filled.nativeObj).isNotEqualTo(prediction.nativeObj);
        assertThat(Core.norm(prediction, before, Core.NORM_INF)).isZero();
    }

    @Test
    void aPredictionOfAnotherSizeIsRefused() {
        OpenCvNative.ensureLoaded();
        Mat page = new Mat(100, 80, CvType.CV_8UC1, new Scalar(255));
        Mat prediction = new Mat(100, 81, CvType.CV_8UC3, new Scalar(0, 0, 0));
        assertThatThrownBy(() -> new FlatFill().fill(page, prediction)).isInstanceOf(IllegalArgumentException.class);
    }
}
