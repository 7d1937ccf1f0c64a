package dev.colorize.ml.data.augment;

import java.util.Random;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Thicker or thinner strokes: the ink grown (a minimum filter over the paper) or shrunk (a maximum filter)
 * by a 2x2 or 3x3 square, thicker twice as often as thinner (thin strokes would vanish).
 */
public final class StrokeThickness implements LineAugmentation {

    @Override
    public Mat apply(Mat lines, Random random) {
        int side = 2 + random.nextInt(2);
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(side, side));
        Mat out = new Mat();
        if (random.nextInt(3) < 2) {
            Imgproc.erode(lines, out, kernel); // dark ink spreads
        } else {
            Imgproc.dilate(lines, out, kernel);
        }
        return out;
    }
}
