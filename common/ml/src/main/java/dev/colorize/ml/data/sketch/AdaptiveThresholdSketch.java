package dev.colorize.ml.data.sketch;

import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Dark where a pixel is darker than its neighbourhood mean by more than {@code offset}: bold, inked lines. */
public record AdaptiveThresholdSketch(int blockSize, double offset) implements SketchExtractor {

    public static AdaptiveThresholdSketch standard() {
        return new AdaptiveThresholdSketch(9, 8);
    }

    @Override
    public Mat extract(Mat bgr) {
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        Mat lines = new Mat();
        Imgproc.adaptiveThreshold(gray, lines, 255, Imgproc.ADAPTIVE_THRESH_MEAN_C,
                Imgproc.THRESH_BINARY, blockSize, offset);
        return lines;
    }
}
