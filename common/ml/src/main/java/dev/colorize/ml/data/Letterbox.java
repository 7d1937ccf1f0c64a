package dev.colorize.ml.data;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Scales an image into a white square keeping its aspect ratio (line art is never stretched).
 *
 * @param image the size x size result
 * @param content where the scaled original lies inside it
 */
public record Letterbox(Mat image, Rect content) {

    /**
     * pix2pix's jitter on an aligned pair already scaled to {@code load} >= size: the same random
     * size x size crop of both, and the same random horizontal flip. Returns {first, second}.
     */
    public static Mat[] randomCropAndFlip(Mat first, Mat second, int size, java.util.Random random) {
        int load = first.cols();
        Rect crop = new Rect(random.nextInt(load - size + 1), random.nextInt(first.rows() - size + 1), size, size);
        Mat a = first.submat(crop).clone();
        Mat b = second.submat(crop).clone();
        if (random.nextBoolean()) {
            Core.flip(a, a, 1);
            Core.flip(b, b, 1);
        }
        return new Mat[] {a, b};
    }

    public static Letterbox fit(Mat source, int size) {
        double scale = Math.min((double) size / source.cols(), (double) size / source.rows());
        int w = Math.max(1, (int) Math.round(source.cols() * scale));
        int h = Math.max(1, (int) Math.round(source.rows() * scale));
        Mat scaled = new Mat();
        int interpolation = scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC;
        Imgproc.resize(source, scaled, new Size(w, h), 0, 0, interpolation);
        int left = (size - w) / 2;
        int top = (size - h) / 2;
        Mat padded = new Mat();
        Core.copyMakeBorder(scaled, padded, top, size - h - top, left, size - w - left,
                Core.BORDER_CONSTANT, new Scalar(255, 255, 255));
        return new Letterbox(padded, new Rect(left, top, w, h));
    }
}
