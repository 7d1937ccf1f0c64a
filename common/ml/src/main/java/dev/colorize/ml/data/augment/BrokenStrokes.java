package dev.colorize.ml.data.augment;

import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Strokes with small gaps, as quick inking leaves them: paper-colored dots of radius 2-3 px (wide enough to
 * cut a stroke of the 128 px training crops, 1-3 px) placed on ink pixels, one per {@value #INK_PER_GAP} ink
 * pixels on average. Regions stay where they are; only their outlines leak.
 */
public final class BrokenStrokes implements LineAugmentation {

    private static final int INK_PER_GAP = 150;
    private static final int INK = 128;

    @Override
    public Mat apply(Mat lines, Random random) {
        Mat ink = new Mat();
        Imgproc.threshold(lines, ink, INK - 1, 255, Imgproc.THRESH_BINARY_INV);
        MatOfPoint points = new MatOfPoint();
        Core.findNonZero(ink, points);
        Point[] inked = points.toArray();
        Mat out = lines.clone();
        int gaps = inked.length / INK_PER_GAP;
        for (int i = 0; i < gaps; i++) {
            Point at = inked[random.nextInt(inked.length)];
            Imgproc.circle(out, at, 2 + random.nextInt(2), new Scalar(paper(lines)), -1);
        }
        return out;
    }

    /** The brightest gray: the paper, whatever its tint. */
    private static double paper(Mat lines) {
        return Core.minMaxLoc(lines).maxVal;
    }
}
