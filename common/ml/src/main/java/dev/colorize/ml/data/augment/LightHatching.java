package dev.colorize.ml.data.augment;

import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Light hatching, as shading drawn into line art: a patch (a sixth to a third of the side) of parallel
 * 1 px strokes at a random angle, in a light gray ({@value #LIGHTEST}-{@value #DARKEST} on 255 paper, lighter
 * than ink), multiplied over the drawing so the ink under it stays as dark as it was.
 */
public final class LightHatching implements LineAugmentation {

    static final int LIGHTEST = 200;
    static final int DARKEST = 150;

    @Override
    public Mat apply(Mat lines, Random random) {
        int w = lines.cols();
        int h = lines.rows();
        int side = (int) (Math.min(w, h) * (1 / 6.0 + random.nextDouble() / 6));
        int x0 = random.nextInt(Math.max(1, w - side));
        int y0 = random.nextInt(Math.max(1, h - side));
        double angle = random.nextDouble() * Math.PI;
        double spacing = 3 + random.nextInt(3);
        double gray = DARKEST + random.nextInt(LIGHTEST - DARKEST + 1);
        Mat hatch = new Mat(lines.size(), lines.type(), new Scalar(255));
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double cx = x0 + side / 2.0;
        double cy = y0 + side / 2.0;
        for (double offset = -side; offset <= side; offset += spacing) {
            // a stroke through the patch, perpendicular offset from its centre, clipped to the patch
            Point a = new Point(cx - dx * side - dy * offset, cy - dy * side + dx * offset);
            Point b = new Point(cx + dx * side - dy * offset, cy + dy * side + dx * offset);
            Imgproc.line(hatch, a, b, new Scalar(gray), 1, Imgproc.LINE_AA);
        }
        Mat outside = new Mat(lines.size(), lines.type(), new Scalar(255));
        hatch.submat(y0, y0 + side, x0, x0 + side).copyTo(outside.submat(y0, y0 + side, x0, x0 + side));
        Mat out = new Mat();
        Core.multiply(lines, outside, out, 1 / 255.0);
        return out;
    }
}
