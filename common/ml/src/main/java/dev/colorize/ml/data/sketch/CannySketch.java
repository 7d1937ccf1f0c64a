package dev.colorize.ml.data.sketch;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Canny edges, inverted: thin 1-pixel contours, including edges between similar-luminance colors. */
public record CannySketch(double lowThreshold, double highThreshold) implements SketchExtractor {

    public static CannySketch standard() {
        return new CannySketch(40, 120);
    }

    @Override
    public Mat extract(Mat bgr) {
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        Imgproc.GaussianBlur(gray, gray, new Size(3, 3), 0);
        Mat edges = new Mat();
        Imgproc.Canny(gray, edges, lowThreshold, highThreshold);
        Core.bitwise_not(edges, edges);
        return edges;
    }
}
