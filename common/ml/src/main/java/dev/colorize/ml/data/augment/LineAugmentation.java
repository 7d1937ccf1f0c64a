package dev.colorize.ml.data.augment;

import java.util.Random;
import org.opencv.core.Mat;

/**
 * A change of line style: takes 8-bit gray line art (dark ink on light paper) and returns a new image of
 * the same size, drawn otherwise. The flats are not touched: the regions stay where the drawing has them,
 * so the target of a sample stays aligned with its lines.
 */
public interface LineAugmentation {

    Mat apply(Mat lines, Random random);
}
