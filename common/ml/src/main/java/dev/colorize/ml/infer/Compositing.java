package dev.colorize.ml.infer;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * How the predicted flats and the page become the colored page.
 * <ul>
 * <li>{@link #MULTIPLY}, the colorist's way for line art: the page is a multiply layer over the flats,
 * so lines stay exactly as drawn and fills keep the flats' lightness and saturation;</li>
 * <li>{@link #LIGHTNESS} for grayscale photos and toned pages (paper section 2.4): the page's own Lab
 * lightness with the flats' chroma, since multiplying would darken every gray twice;</li>
 * <li>{@link #AUTO} picks one per page by {@link #MID_TONE_SHARE}.</li>
 * </ul>
 */
public enum Compositing {
    AUTO, MULTIPLY, LIGHTNESS;

    /**
     * Line art is paper white and ink black with thin anti-aliased edges; photos and toned pages are
     * mostly mid-tones. Above this share of pixels between {@link #MID_LOW} and {@link #MID_HIGH} a page
     * is treated as toned.
     */
    public static final double MID_TONE_SHARE = 0.25;
    static final int MID_LOW = 48;
    static final int MID_HIGH = 208;

    /** The mode for this page: itself unless {@link #AUTO}. */
    public Compositing resolve(Mat gray) {
        if (this != AUTO) {
            return this;
        }
        Mat mid = new Mat();
        Core.inRange(gray, new Scalar(MID_LOW), new Scalar(MID_HIGH), mid);
        double share = (double) Core.countNonZero(mid) / (gray.rows() * gray.cols());
        mid.release();
        return share > MID_TONE_SHARE ? LIGHTNESS : MULTIPLY;
    }

    /** {@code page} and {@code flats}: BGR 8-bit of the same size. */
    public Mat compose(Mat page, Mat flats, Mat gray) {
        return switch (resolve(gray)) {
            case LIGHTNESS -> ChromaTransfer.apply(page, flats);
            default -> {
                Mat out = new Mat();
                Core.multiply(flats, page, out, 1 / 255.0);
                yield out;
            }
        };
    }

    /** 8-bit gray of a gray, BGR or BGRA page (a gray page is returned as is). */
    static Mat gray(Mat page) {
        if (page.depth() != CvType.CV_8U) {
            throw new IllegalArgumentException("expected an 8-bit page, got " + CvType.typeToString(page.type()));
        }
        if (page.channels() == 1) {
            return page;
        }
        Mat gray = new Mat();
        Imgproc.cvtColor(page, gray, page.channels() == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY);
        return gray;
    }
}
