package dev.colorize.ml.data.augment;

import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A wobbly hand: the line art warped by a smooth random displacement of at most {@code amplitude} px
 * (noise on a coarse grid, scaled up smoothly), so straight strokes waver a little off the regions' edges
 * as a hand-inked outline does.
 */
public final class Jitter implements LineAugmentation {

    private static final int GRID = 8;

    private final double amplitude;

    public Jitter(double amplitude) {
        this.amplitude = amplitude;
    }

    @Override
    public Mat apply(Mat lines, Random random) {
        Size size = lines.size();
        Mat mapX = new Mat();
        Mat mapY = new Mat();
        Core.add(displacement(size, random), columns(size), mapX);
        Core.add(displacement(size, random), rows(size), mapY);
        Mat out = new Mat();
        Imgproc.remap(lines, out, mapX, mapY, Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        return out;
    }

    private Mat displacement(Size size, Random random) {
        Mat coarse = new Mat(GRID, GRID, CvType.CV_32FC1);
        float[] values = new float[GRID * GRID];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * amplitude);
        }
        coarse.put(0, 0, values);
        Mat fine = new Mat();
        Imgproc.resize(coarse, fine, size, 0, 0, Imgproc.INTER_CUBIC);
        // cubic interpolation overshoots a little: keep the promise of at most amplitude
        Core.min(fine, new Scalar(amplitude), fine);
        Core.max(fine, new Scalar(-amplitude), fine);
        return fine;
    }

    private static Mat columns(Size size) {
        Mat m = new Mat(size, CvType.CV_32FC1);
        float[] row = new float[(int) size.width];
        for (int x = 0; x < row.length; x++) {
            row[x] = x;
        }
        for (int y = 0; y < size.height; y++) {
            m.put(y, 0, row);
        }
        return m;
    }

    private static Mat rows(Size size) {
        Mat m = new Mat(size, CvType.CV_32FC1);
        for (int y = 0; y < size.height; y++) {
            m.row(y).setTo(new Scalar(y));
        }
        return m;
    }
}
