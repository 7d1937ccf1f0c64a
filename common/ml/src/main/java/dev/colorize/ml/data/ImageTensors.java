package dev.colorize.ml.data;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** 8-bit images to channel-first floats in [-1, 1] (pix2pix's normalisation) and back. */
public final class ImageTensors {

    private ImageTensors() {}

    /** BGR (3 channels, returned as RGB planes) or gray (1 plane). */
    public static float[] toTensor(Mat image) {
        int channels = image.channels();
        int pixels = image.rows() * image.cols();
        byte[] interleaved = new byte[pixels * channels];
        image.get(0, 0, interleaved);
        float[] planes = new float[pixels * channels];
        for (int i = 0; i < pixels; i++) {
            for (int c = 0; c < channels; c++) {
                int plane = channels == 3 ? 2 - c : c; // BGR -> RGB
                planes[plane * pixels + i] = (interleaved[i * channels + c] & 0xff) / 127.5f - 1f;
            }
        }
        return planes;
    }

    /** RGB planes in [-1, 1] to an 8-bit BGR image (or gray for one plane); values are clamped. */
    public static Mat toImage(float[] planes, int offset, int channels, int height, int width) {
        int pixels = height * width;
        byte[] interleaved = new byte[pixels * channels];
        for (int i = 0; i < pixels; i++) {
            for (int c = 0; c < channels; c++) {
                int plane = channels == 3 ? 2 - c : c;
                float v = (planes[offset + plane * pixels + i] + 1f) * 127.5f;
                interleaved[i * channels + c] = (byte) Math.round(Math.max(0f, Math.min(255f, v)));
            }
        }
        Mat image = new Mat(height, width, channels == 3 ? CvType.CV_8UC3 : CvType.CV_8UC1);
        image.put(0, 0, interleaved);
        return image;
    }
}
