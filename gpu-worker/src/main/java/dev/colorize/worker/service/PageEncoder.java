package dev.colorize.worker.service;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.platform.messaging.OutputFormat;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** Encodes a colored page in the format its publisher asked for. */
public final class PageEncoder {

    private final int jpegQuality;

    public PageEncoder(int jpegQuality) {
        this.jpegQuality = jpegQuality;
    }

    public byte[] encode(Mat page, OutputFormat format) {
        if (format == OutputFormat.PNG) {
            return ImageCodec.encodePng(page);
        }
        MatOfByte buffer = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, jpegQuality);
        try {
            if (!Imgcodecs.imencode(".jpg", page, buffer, params)) {
                throw new IllegalStateException("JPEG encoding failed");
            }
            return buffer.toArray();
        } finally { // native memory: freed now, not at some later GC
            buffer.release();
            params.release();
        }
    }
}
