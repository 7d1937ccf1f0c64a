package dev.colorize.ml.data.sketch;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Extended difference of Gaussians (Winnemoeller et al.): D = G(sigma) - tau G(k sigma) on [0,1] gray,
 * white where D >= epsilon, else 1 + tanh(phi (D - epsilon)). Soft, pencil-like lines; flat areas stay
 * white whatever their color because tau < 1 keeps D >= 0 there.
 */
public record XdogSketch(double sigma, double k, double tau, double epsilon, double phi) implements SketchExtractor {

    public static XdogSketch standard() {
        return new XdogSketch(0.8, 1.6, 0.98, 0.0, 200);
    }

    @Override
    public Mat extract(Mat bgr) {
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        gray.convertTo(gray, CvType.CV_32F, 1 / 255.0);
        Mat narrow = new Mat();
        Mat wide = new Mat();
        Imgproc.GaussianBlur(gray, narrow, new Size(0, 0), sigma);
        Imgproc.GaussianBlur(gray, wide, new Size(0, 0), sigma * k);
        Mat d = new Mat();
        Core.addWeighted(narrow, 1, wide, -tau, -epsilon, d);
        float[] values = new float[(int) d.total()];
        d.get(0, 0, values);
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] >= 0 ? 1f : (float) (1 + Math.tanh(phi * values[i]));
        }
        d.put(0, 0, values);
        Mat lines = new Mat();
        d.convertTo(lines, CvType.CV_8U, 255);
        return lines;
    }
}
