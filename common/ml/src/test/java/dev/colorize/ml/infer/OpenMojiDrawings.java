package dev.colorize.ml.infer;

import dev.colorize.ml.data.OpenCvNative;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Twelve real OpenMoji validation drawings, 192x192 each (test resources under strips/, see their README): line
 * art and true colors, and the line art with gaps cut into its strokes as sketchy inking leaves them.
 */
final class OpenMojiDrawings {

    static final int COUNT = 12;
    static final int SIDE = 192;

    private OpenMojiDrawings() {}

    static Mat lines(int k) {
        return read("strips/openmoji-strip-lines.png", Imgcodecs.IMREAD_GRAYSCALE).submat(new Rect(0, k * SIDE, SIDE, SIDE)).clone();
    }

    static Mat truth(int k) {
        return read("strips/openmoji-strip-truth.png", Imgcodecs.IMREAD_COLOR).submat(new Rect(0, k * SIDE, SIDE, SIDE)).clone();
    }

    /**
     * {@code lines} with {@code count} gaps of {@code width} px of paper cut across thin strokes (ink at most
     * {@code width} px from paper on both sides), at random places; a new Mat.
     */
    static Mat withGaps(Mat lines, int count, int width, long seed) {
        Mat cut = lines.clone();
        Mat ink = new Mat();
        Imgproc.threshold(lines, ink, 159, 255, Imgproc.THRESH_BINARY_INV);
        Mat depth = new Mat();
        Imgproc.distanceTransform(ink, depth, Imgproc.DIST_L2, 3);
        Random random = new Random(seed);
        float[] d = new float[1];
        for (int placed = 0, tries = 0; placed < count && tries < 100_000; tries++) {
            int x = random.nextInt(lines.cols());
            int y = random.nextInt(lines.rows());
            depth.get(y, x, d);
            if (d[0] >= 1.5f && d[0] <= 3f) { // the middle of a thin stroke
                Imgproc.circle(cut, new Point(x, y), Math.max(1, width / 2), new Scalar(255), -1);
                placed++;
            }
        }
        return cut;
    }

    private static Mat read(String resource, int flags) {
        OpenCvNative.ensureLoaded();
        try (InputStream in = OpenMojiDrawings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Mat image = Imgcodecs.imdecode(new MatOfByte(in.readAllBytes()), flags);
            if (image.empty() || image.depth() != CvType.CV_8U) {
                throw new IllegalStateException("undecodable test resource " + resource);
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
