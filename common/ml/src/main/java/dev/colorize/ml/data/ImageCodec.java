package dev.colorize.ml.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Encoded bytes to and from OpenCV BGR images. */
public final class ImageCodec {

    private ImageCodec() {}

    /** Decodes PNG/JPEG/... to 8-bit BGR; gray becomes BGR, transparency is flattened onto white. */
    public static Mat decodeBgr(byte[] encoded) {
        OpenCvNative.ensureLoaded();
        if (encoded == null || encoded.length == 0) {
            throw new UndecodableImageException("empty image");
        }
        // every intermediate is freed here, not by the GC: a large page's native memory is gone at once
        MatOfByte buffer = new MatOfByte(encoded);
        Mat raw = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_UNCHANGED);
        buffer.release();
        if (raw.empty()) {
            throw new UndecodableImageException("not a decodable image (" + encoded.length + " bytes)");
        }
        Mat eightBit = raw;
        if (raw.depth() != CvType.CV_8U) {
            eightBit = new Mat();
            double scale = raw.depth() == CvType.CV_16U ? 1.0 / 257 : 1.0;
            raw.convertTo(eightBit, CvType.CV_8U, scale);
            raw.release();
        }
        switch (eightBit.channels()) {
            case 1 -> {
                Mat bgr = new Mat();
                Imgproc.cvtColor(eightBit, bgr, Imgproc.COLOR_GRAY2BGR);
                eightBit.release();
                return bgr;
            }
            case 3 -> {
                return eightBit;
            }
            case 4 -> {
                Mat bgr = flattenOnWhite(eightBit);
                eightBit.release();
                return bgr;
            }
            default -> {
                int channels = eightBit.channels();
                eightBit.release();
                throw new UndecodableImageException(channels + "-channel images are not supported");
            }
        }
    }

    /** Decodes to 8-bit gray (line art); color and transparency are handled as {@link #decodeBgr}. */
    public static Mat decodeGray(byte[] encoded) {
        Mat gray = new Mat();
        Imgproc.cvtColor(decodeBgr(encoded), gray, Imgproc.COLOR_BGR2GRAY);
        return gray;
    }

    /** Decodes a hint image: 8-bit BGRA, which needs an alpha channel (hints lie on transparency). */
    public static Mat decodeBgra(byte[] encoded) {
        OpenCvNative.ensureLoaded();
        Mat raw = encoded == null || encoded.length == 0 ? new Mat()
                : Imgcodecs.imdecode(new MatOfByte(encoded), Imgcodecs.IMREAD_UNCHANGED);
        if (raw.empty()) {
            throw new UndecodableImageException("hints are not a decodable image");
        }
        if (raw.channels() != 4) {
            throw new UndecodableImageException("hints need an alpha channel: colored dots on a transparent background");
        }
        if (raw.depth() != CvType.CV_8U) {
            Mat eightBit = new Mat();
            raw.convertTo(eightBit, CvType.CV_8U, raw.depth() == CvType.CV_16U ? 1.0 / 257 : 1.0);
            raw.release(); // native memory of twice the 8-bit image's: freed now, not at some later GC
            return eightBit;
        }
        return raw;
    }

    private static Mat flattenOnWhite(Mat bgra) {
        Mat color = new Mat();
        Imgproc.cvtColor(bgra, color, Imgproc.COLOR_BGRA2BGR);
        Mat alpha = new Mat();
        Core.extractChannel(bgra, alpha, 3);
        Mat alphaF = new Mat();
        alpha.convertTo(alphaF, CvType.CV_32F, 1 / 255.0);
        Mat alpha3 = new Mat();
        Core.merge(List.of(alphaF, alphaF, alphaF), alpha3);
        Mat colorF = new Mat();
        color.convertTo(colorF, CvType.CV_32F);
        // out = color * a + 255 * (1 - a)
        Mat inverse = new Mat();
        Core.absdiff(alpha3, Scalar.all(1), inverse);
        Core.multiply(colorF, alpha3, colorF);
        Core.multiply(inverse, Scalar.all(255), inverse);
        Core.add(colorF, inverse, colorF);
        Mat out = new Mat();
        colorF.convertTo(out, CvType.CV_8U);
        for (Mat m : List.of(color, alpha, alphaF, alpha3, colorF, inverse)) {
            m.release();
        }
        return out;
    }

    public static byte[] encodePng(Mat image) {
        MatOfByte buffer = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(".png", image, buffer)) {
                throw new IllegalStateException("PNG encoding failed");
            }
            return buffer.toArray();
        } finally {
            buffer.release();
        }
    }

    /** 8-bit BGR Mat to a TYPE_3BYTE_BGR BufferedImage (same byte order, one copy). */
    public static BufferedImage toBufferedImage(Mat bgr) {
        BufferedImage image = new BufferedImage(bgr.cols(), bgr.rows(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        bgr.get(0, 0, target);
        return image;
    }
}
