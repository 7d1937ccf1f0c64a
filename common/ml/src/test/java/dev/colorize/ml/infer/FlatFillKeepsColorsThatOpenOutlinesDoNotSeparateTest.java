package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.OpenCvNative;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Real line art is often open (hair, a body cut by the frame): one line-closed region then holds two
 * flats, the background's white and the hair's brown. The fill must keep both.
 */
class FlatFillKeepsColorsThatOpenOutlinesDoNotSeparateTest {

    @Test
    void aSecondColorInsideAnOpenRegionKeepsItsPrediction() {
        OpenCvNative.ensureLoaded();
        Mat lines = new Mat(400, 400, CvType.CV_8UC1, new Scalar(255));
        Imgproc.ellipse(lines, new Point(200, 200), new org.opencv.core.Size(80, 80), 0, 200, 340, new Scalar(0), 4);
        Mat flats = new Mat(400, 400, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.circle(flats, new Point(200, 200), 78, new Scalar(40, 90, 160), -1); // brown, outline open below

        Mat filled = new FlatFill().fill(lines, flats);

        double[] inside = filled.get(230, 200);
        assertThat(inside).containsExactly(40, 90, 160);
        Mat page = new Mat();
        Imgproc.cvtColor(lines, page, Imgproc.COLOR_GRAY2BGR);
        double psnr = Core.PSNR(Compositing.MULTIPLY.compose(page, filled, lines),
                Compositing.MULTIPLY.compose(page, flats, lines));
        assertThat(psnr).as("the true flats under the lines come back all but unchanged").isGreaterThan(30);
    }
}
