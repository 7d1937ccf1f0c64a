package dev.colorize.ml.data.augment;

import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A figure filling {@code minFill} to all of the crop (in side length), as figures sit in panels: lines and
 * flats shrunk by the same factor (area averaging) and placed at the same random spot on white paper, so
 * they stay aligned pixel for pixel.
 */
public final class ScaleVariety {

    private final double minFill;

    public ScaleVariety(double minFill) {
        if (!(minFill > 0 && minFill <= 1)) {
            throw new IllegalArgumentException("the smallest fill must lie in (0, 1]: " + minFill);
        }
        this.minFill = minFill;
    }

    @Override
    public String toString() {
        return "scale " + minFill + "-1";
    }

    /** {@code {lines, flats}} at the input's size. */
    public Mat[] apply(Mat lines, Mat flats, Random random) {
        double fill = minFill + (1 - minFill) * random.nextDouble();
        int w = Math.max(1, (int) Math.round(lines.cols() * fill));
        int h = Math.max(1, (int) Math.round(lines.rows() * fill));
        int x = random.nextInt(lines.cols() - w + 1);
        int y = random.nextInt(lines.rows() - h + 1);
        return new Mat[] {placed(lines, w, h, x, y), placed(flats, w, h, x, y)};
    }

    private static Mat placed(Mat image, int w, int h, int x, int y) {
        Mat small = new Mat();
        Imgproc.resize(image, small, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        Mat paper = new Mat(image.size(), image.type(), Scalar.all(255));
        small.copyTo(paper.submat(y, y + h, x, x + w));
        return paper;
    }
}
