package dev.colorize.ml.data.augment;

import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * Paper that is not white: the page multiplied by a gray of 0.82-0.97 (yellowed, recycled or grey paper
 * as the one gray plane of the line art sees it), the ink staying ink.
 */
public final class PaperTint implements LineAugmentation {

    static final double DARKEST = 0.82;
    static final double LIGHTEST = 0.97;

    @Override
    public Mat apply(Mat lines, Random random) {
        Mat out = new Mat();
        Core.multiply(lines, new Scalar(DARKEST + (LIGHTEST - DARKEST) * random.nextDouble()), out);
        return out;
    }
}
