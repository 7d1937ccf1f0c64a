package dev.colorize.ml.data;

import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Color hints as the generator sees them: four planes after the line art, the hinted RGB in [-1, 1]
 * and a 0/1 mask of where hints are (RGB is 0 where there is none). Users give hints as a BGRA image:
 * colored dots or strokes on a transparent background.
 */
public final class HintLayer {

    /** Alpha above which a hint pixel counts. */
    private static final int OPAQUE = 128;
    /** Share of training samples without any hint, so one model also colors automatically. */
    private static final double NO_HINTS = 0.5;

    private HintLayer() {}

    /** Four planes of zeros: no hints. */
    public static float[] none(int height, int width) {
        return new float[4 * height * width];
    }

    /**
     * Hint planes at {@code height x width} from a BGRA hint image of any size with the same aspect.
     * Each opaque hint pixel is mapped to its target position, so dots survive downscaling where an
     * interpolating resize would blur them into the transparent background.
     */
    public static float[] planes(Mat hintsBgra, int height, int width) {
        if (hintsBgra == null) {
            return none(height, width);
        }
        if (hintsBgra.type() != CvType.CV_8UC4) {
            throw new IllegalArgumentException("hints must be an 8-bit BGRA image (colored dots on transparent)");
        }
        int rows = hintsBgra.rows();
        int cols = hintsBgra.cols();
        byte[] bgra = new byte[rows * cols * 4];
        hintsBgra.get(0, 0, bgra);
        int pixels = height * width;
        float[] planes = new float[4 * pixels];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int i = (y * cols + x) * 4;
                if ((bgra[i + 3] & 0xff) < OPAQUE) {
                    continue;
                }
                int ty = Math.min(height - 1, (int) ((y + 0.5) * height / rows));
                int tx = Math.min(width - 1, (int) ((x + 0.5) * width / cols));
                int t = ty * width + tx;
                planes[t] = (bgra[i + 2] & 0xff) / 127.5f - 1f;
                planes[pixels + t] = (bgra[i + 1] & 0xff) / 127.5f - 1f;
                planes[2 * pixels + t] = (bgra[i] & 0xff) / 127.5f - 1f;
                planes[3 * pixels + t] = 1f;
            }
        }
        return planes;
    }

    /** The generator's input: the line-art plane(s) followed by the hint planes of {@code hints} (null: none). */
    public static float[] appendTo(float[] lines, Mat hints, int height, int width) {
        float[] hintPlanes = planes(hints, height, width);
        float[] input = new float[lines.length + hintPlanes.length];
        System.arraycopy(lines, 0, input, 0, lines.length);
        System.arraycopy(hintPlanes, 0, input, lines.length, hintPlanes.length);
        return input;
    }

    /**
     * Simulated user hints for training, as PaintsChainer does: none for half the samples, otherwise
     * 1 to 32 dots of 3-5 px (more often few) of the true flat color at random places, mostly on color.
     */
    public static Mat simulate(Mat flatsBgr, Random random) {
        Mat hints = Mat.zeros(flatsBgr.size(), CvType.CV_8UC4);
        if (random.nextDouble() < NO_HINTS) {
            return hints;
        }
        int dots = (int) Math.round(Math.exp(random.nextDouble() * Math.log(32)));
        byte[] bgr = new byte[3];
        for (int d = 0; d < dots; d++) {
            int x = 0;
            int y = 0;
            for (int attempt = 0; attempt < 8; attempt++) { // prefer colored pixels over the white background
                x = random.nextInt(flatsBgr.cols());
                y = random.nextInt(flatsBgr.rows());
                flatsBgr.get(y, x, bgr);
                if ((bgr[0] & 0xff) < 245 || (bgr[1] & 0xff) < 245 || (bgr[2] & 0xff) < 245) {
                    break;
                }
            }
            flatsBgr.get(y, x, bgr);
            Imgproc.circle(hints, new Point(x, y), 1 + random.nextInt(2),
                    new Scalar(bgr[0] & 0xff, bgr[1] & 0xff, bgr[2] & 0xff, 255), -1);
        }
        return hints;
    }
}
