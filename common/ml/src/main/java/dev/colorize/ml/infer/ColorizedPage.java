package dev.colorize.ml.infer;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.UndecodableImageException;
import java.awt.image.BufferedImage;
import org.opencv.core.Mat;

/**
 * The outcome for one page of a batch: a color image at the page's original size, or the reason it
 * failed (the other pages of the batch are unaffected).
 *
 * @param index position of the page in the request
 * @param image BGR 8-bit color page, null on failure
 * @param failure why the page could not be colored, null on success
 */
public record ColorizedPage(int index, Mat image, UndecodableImageException failure) {

    public boolean succeeded() {
        return failure == null;
    }

    /** The color page; throws the page's own failure if it had one. */
    public Mat imageOrThrow() {
        if (failure != null) {
            throw failure;
        }
        return image;
    }

    public BufferedImage toBufferedImage() {
        return ImageCodec.toBufferedImage(imageOrThrow());
    }

    public byte[] toPng() {
        return ImageCodec.encodePng(imageOrThrow());
    }
}
