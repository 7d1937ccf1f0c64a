package dev.colorize.worker.service;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.platform.messaging.OutputFormat;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** Encodes a colored page in the format its publisher asked for, at the quality asked for or the default. */
public final class PageEncoder {

    private final int defaultQuality;

    public PageEncoder(int defaultQuality) {
        this.defaultQuality = defaultQuality;
    }

    /** {@code quality} (1-100) applies to JPEG and WebP; null is the default. */
    public byte[] encode(Mat page, OutputFormat format, Integer quality) {
        if (format == OutputFormat.PNG) {
            return ImageCodec.encodePng(page);
        }
        int q = quality != null ? quality : defaultQuality;
        MatOfByte buffer = new MatOfByte();
        MatOfInt params = format == OutputFormat.WEBP ? new MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, q)
                : new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, q);
        try {
            if (!Imgcodecs.imencode("." + format.extension(), page, buffer, params)) {
                throw new IllegalStateException(format + " encoding failed");
            }
            return buffer.toArray();
        } finally { // native memory: freed now, not at some later GC
            buffer.release();
            params.release();
        }
    }
}
