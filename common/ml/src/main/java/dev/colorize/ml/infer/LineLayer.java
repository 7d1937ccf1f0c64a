package dev.colorize.ml.infer;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * A page's lines as a layer: black on transparent, each pixel's opacity its darkness (255 - gray), so
 * anti-aliased edges stay soft. Over the flats it gives the {@link Compositing#MULTIPLY} page, whether the
 * editor blends it as multiply or as normal (black at opacity a: flats * (1 - a) either way).
 */
public final class LineLayer {

    private LineLayer() {
    }

    /** 8-bit BGRA at the page's size from an 8-bit gray, BGR or BGRA page. */
    public static Mat of(Mat page) {
        Mat gray = Compositing.gray(page);
        Mat alpha = new Mat();
        Core.bitwise_not(gray, alpha);
        if (gray != page) {
            gray.release();
        }
        Mat black = Mat.zeros(page.size(), CvType.CV_8UC1);
        Mat layer = new Mat();
        Core.merge(List.of(black, black, black, alpha), layer);
        black.release();
        alpha.release();
        return layer;
    }

    /** The layer laid over {@code flats} (BGR): what an editor shows. For tests and checks. */
    public static Mat over(Mat lines, Mat flats) {
        Mat alpha = new Mat();
        Core.extractChannel(lines, alpha, 3);
        Mat keep = new Mat();
        Core.subtract(new Mat(alpha.size(), CvType.CV_8UC1, new Scalar(255)), alpha, keep);
        Mat keep3 = new Mat();
        Core.merge(List.of(keep, keep, keep), keep3);
        Mat out = new Mat();
        Core.multiply(flats, keep3, out, 1 / 255.0);
        alpha.release();
        keep.release();
        keep3.release();
        return out;
    }
}
