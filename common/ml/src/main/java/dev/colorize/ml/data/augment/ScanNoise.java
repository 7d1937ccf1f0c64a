package dev.colorize.ml.data.augment;

import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** A scanned or photographed page: Gaussian sensor noise (sigma 2-8) and JPEG compression (quality 30-85). */
public final class ScanNoise implements LineAugmentation {

    @Override
    public Mat apply(Mat lines, Random random) {
        byte[] pixels = new byte[(int) lines.total()];
        lines.get(0, 0, pixels);
        double sigma = 2 + 6 * random.nextDouble();
        for (int i = 0; i < pixels.length; i++) {
            // the sample's own Random, not OpenCV's global one: samples are drawn on several threads
            long v = Math.round((pixels[i] & 0xFF) + sigma * random.nextGaussian());
            pixels[i] = (byte) Math.max(0, Math.min(255, v));
        }
        Mat noisy = new Mat(lines.size(), CvType.CV_8UC1);
        noisy.put(0, 0, pixels);
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", noisy, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 30 + random.nextInt(56)));
        return Imgcodecs.imdecode(jpeg, Imgcodecs.IMREAD_GRAYSCALE);
    }
}
