package dev.colorize.trainer;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenCvNative;
import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Small color illustrations as PNG bytes: red circles and blue squares outlined in black on white. */
public final class TestImages {

    private TestImages() {}

    public static byte[] shapes(long seed, int size) {
        OpenCvNative.ensureLoaded();
        Random random = new Random(seed);
        Mat image = new Mat(size, size, CvType.CV_8UC3, new Scalar(255, 255, 255));
        for (int s = 0; s < 1 + random.nextInt(2); s++) {
            int r = size / 8 + random.nextInt(size / 6);
            Point c = new Point(r + 1 + random.nextInt(size - 2 * r - 2), r + 1 + random.nextInt(size - 2 * r - 2));
            if (random.nextBoolean()) {
                Imgproc.circle(image, c, r, new Scalar(110, 110, 250), -1);
                Imgproc.circle(image, c, r, new Scalar(0, 0, 0), 2);
            } else {
                Point a = new Point(c.x - r, c.y - r);
                Point b = new Point(c.x + r, c.y + r);
                Imgproc.rectangle(image, a, b, new Scalar(255, 160, 80), -1);
                Imgproc.rectangle(image, a, b, new Scalar(0, 0, 0), 2);
            }
        }
        return ImageCodec.encodePng(image);
    }

    public static byte[] plain(int size, Scalar bgr) {
        OpenCvNative.ensureLoaded();
        return ImageCodec.encodePng(new Mat(size, size, CvType.CV_8UC3, bgr));
    }
}
