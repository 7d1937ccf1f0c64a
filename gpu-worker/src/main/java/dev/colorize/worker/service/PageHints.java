package dev.colorize.worker.service;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.platform.hints.ColorHints;
import dev.colorize.platform.image.ImageHeader;
import dev.colorize.platform.image.UnreadableImageHeaderException;
import java.nio.charset.StandardCharsets;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * A job's stored hints as the colorizer takes them: a BGRA image of the page's aspect, colored dots on transparent.
 * A hint image is used as uploaded (the colorizer maps it to the resolution of inference); points are drawn at
 * the page's own size, where their coordinates and radii are given.
 */
final class PageHints {

    private PageHints() {
    }

    /**
     * The pixels the stored hints take once decoded, judged before decoding: a hint image by its header, points by the
     * page they are drawn at. A hint image needs no more than its page's pixels at 8 bits per channel (the colorizer
     * maps it to the resolution of inference): one of 16 bits or more pixels would take up to eight times its
     * page's memory, uncounted.
     *
     * @throws IllegalArgumentException when the hint image is more than that or has no readable header
     */
    static long pixels(String key, byte[] bytes, ImageHeader page) {
        if (key.endsWith(".json")) {
            return page.pixels();
        }
        ImageHeader hints;
        try {
            hints = ImageHeader.read(bytes);
        } catch (UnreadableImageHeaderException e) {
            throw new IllegalArgumentException("hints are not a decodable image: " + e.getMessage(), e);
        }
        if (hints.bitDepth() != 8) {
            throw new IllegalArgumentException("hints have " + hints.bitDepth() + " bits per channel; a hint image "
                    + "has 8");
        }
        if (hints.pixels() > page.pixels()) {
            throw new IllegalArgumentException("hints are " + hints.width() + "x" + hints.height() + ", more pixels "
                    + "than the page (" + page.width() + "x" + page.height() + ")");
        }
        return hints.pixels();
    }

    /**
     * @param key     the hints' object key: {@code .json} points, anything else a hint image
     * @param page    the decoded page, whose size the points are drawn at
     * @throws IllegalArgumentException when the stored hints cannot be read (the page then fails with the reason)
     */
    static Mat decode(String key, byte[] bytes, Mat page) {
        if (!key.endsWith(".json")) {
            return ImageCodec.decodeBgra(bytes);
        }
        ColorHints hints;
        try {
            hints = ColorHints.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("hints " + key + " cannot be read: " + e.getMessage(), e);
        }
        return draw(hints, page.rows(), page.cols());
    }

    /** Each point as a filled dot of its color on a transparent height x width image. */
    static Mat draw(ColorHints hints, int height, int width) {
        Mat layer = Mat.zeros(height, width, CvType.CV_8UC4);
        for (ColorHints.Point p : hints.points()) {
            int rgb = p.rgb();
            Imgproc.circle(layer, new Point(p.x(), p.y()), Math.max(1, (int) Math.round(p.radius())),
                    new Scalar(rgb & 0xff, rgb >> 8 & 0xff, rgb >> 16 & 0xff, 255), -1);
        }
        return layer;
    }
}
