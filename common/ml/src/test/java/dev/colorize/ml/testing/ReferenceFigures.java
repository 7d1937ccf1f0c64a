package dev.colorize.ml.testing;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * The character of the series-reference tests: a head above a coat, outlined in 3 px ink, filled with skin and coat
 * colors in its colored version. Drawn at any place and scale and coat length, so a page can draw it again (not copy
 * it) as its reference shows it.
 */
public final class ReferenceFigures {

    /** BGR, as OpenCV draws. */
    public static final Scalar SKIN = new Scalar(150, 190, 240);
    public static final Scalar COAT = new Scalar(190, 90, 40);

    private ReferenceFigures() {}

    /** The figure on a white {@code width x height} page, its head's top at {@code top}, centered on {@code cx}. */
    public static Mat figure(int width, int height, double cx, double top, double scale, double coatHeight,
            boolean colored) {
        Mat page = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Point head = head(cx, top, scale);
        Point coatFrom = new Point(cx - 30 * scale, top + 50 * scale);
        Point coatTo = new Point(cx + 30 * scale, top + (50 + coatHeight) * scale);
        if (colored) {
            Imgproc.circle(page, head, (int) (20 * scale), SKIN, -1);
            Imgproc.rectangle(page, coatFrom, coatTo, COAT, -1);
        }
        Imgproc.circle(page, head, (int) (20 * scale), new Scalar(0, 0, 0), 3);
        Imgproc.rectangle(page, coatFrom, coatTo, new Scalar(0, 0, 0), 3);
        return page;
    }

    /** The center of the head of the figure drawn with these arguments. */
    public static Point head(double cx, double top, double scale) {
        return new Point(cx, top + 22 * scale);
    }

    /** The middle of the coat of the figure drawn with these arguments. */
    public static Point coat(double cx, double top, double scale, double coatHeight) {
        return new Point(cx, top + (50 + coatHeight / 2) * scale);
    }
}
