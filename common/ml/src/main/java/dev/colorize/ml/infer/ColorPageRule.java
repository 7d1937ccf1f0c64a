package dev.colorize.ml.infer;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Tells a page that is already in color (a color cover, a color spread) from black-and-white line art, by
 * its chroma in CIELAB, so such a page can be passed through instead of being colored again.
 *
 * <p>The rule, in order:
 * <ol>
 * <li>the page is scaled down by area averaging to at most {@link #ANALYSIS_SIDE} pixels on its long side:
 * JPEG's chroma noise (8x8 blocks around ink edges) averages out, colored areas stay colored;</li>
 * <li>each pixel's chroma is its distance in the (a*, b*) plane to the <b>paper's tint</b> at its lightness. The
 * paper is the page's median (L*, a*, b*) when its (a*, b*) lies within {@link #MAX_PAPER_TINT} of neutral (a
 * yellowed or bluish scan: most of a manga page is paper), else neutral (the page is mostly some strong color).
 * A tint is multiplicative: ink over tinted paper is as much less tinted as it is darker, so a pixel's expected
 * tint is the paper's scaled by L* / L*<sub>paper</sub> (at most 1);</li>
 * <li>a pixel is <i>colored</i> when that chroma exceeds {@link #chromaThreshold()} (CIELAB units; about 2.3
 * is a just noticeable difference, so the default is far above scan noise);</li>
 * <li>the page is color when its colored pixels are at least {@link #minColoredShare()} of it.</li>
 * </ol>
 * The defaults and the separation measured on real drawings are in docs/QUALITY.md ("Pages already in
 * color").
 *
 * @param chromaThreshold CIELAB chroma above which a pixel counts as colored
 * @param minColoredShare share of colored pixels from which a page is color (0-1)
 */
public record ColorPageRule(double chromaThreshold, double minColoredShare) {

    /** Long side, in pixels, at which the statistics are taken: fast at any page size, noise averaged. */
    public static final int ANALYSIS_SIDE = 512;
    /** A median (a*, b*) this close to neutral is the paper's tint, not a color of the drawing. */
    public static final double MAX_PAPER_TINT = 20;
    /** Default CIELAB chroma of a colored pixel (see docs/QUALITY.md for how it was chosen). */
    public static final double DEFAULT_CHROMA_THRESHOLD = 15;
    /** Default share of colored pixels of a color page (see docs/QUALITY.md for how it was chosen). */
    public static final double DEFAULT_MIN_COLORED_SHARE = 0.02;

    public ColorPageRule {
        if (chromaThreshold <= 0) {
            throw new IllegalArgumentException("chromaThreshold must be positive, not " + chromaThreshold);
        }
        if (minColoredShare <= 0 || minColoredShare > 1) {
            throw new IllegalArgumentException("minColoredShare must be in (0, 1], not " + minColoredShare);
        }
    }

    public static ColorPageRule defaults() {
        return new ColorPageRule(DEFAULT_CHROMA_THRESHOLD, DEFAULT_MIN_COLORED_SHARE);
    }

    /** Whether the page (8-bit gray, BGR or BGRA) is already in color. */
    public boolean isColor(Mat page) {
        return coloredShare(page) >= minColoredShare;
    }

    /** The share (0-1) of the page's pixels whose chroma, relative to the paper, exceeds the threshold. */
    public double coloredShare(Mat page) {
        if (page.channels() == 1) {
            return 0; // a gray image has no chroma at all
        }
        Mat bgr = page;
        if (page.channels() == 4) {
            bgr = new Mat();
            Imgproc.cvtColor(page, bgr, Imgproc.COLOR_BGRA2BGR);
        }
        Mat small = downscaled(bgr);
        if (bgr != page && small != bgr) {
            bgr.release();
        }
        Mat lab = new Mat();
        small.convertTo(lab, CvType.CV_32FC3, 1 / 255.0); // float Lab: a* and b* in CIELAB units, not 8-bit offsets
        if (small != page) {
            small.release();
        }
        Imgproc.cvtColor(lab, lab, Imgproc.COLOR_BGR2Lab);
        List<Mat> channels = new ArrayList<>(3);
        Core.split(lab, channels);
        lab.release();
        Mat lightness = channels.get(0);
        Mat a = channels.get(1);
        Mat b = channels.get(2);
        double[] paper = paperColor(lightness, a, b);
        if (paper[1] != 0 || paper[2] != 0) {
            // the tint is the paper's: ink over it is as much less tinted as it is darker (a multiplicative tint)
            Mat expected = new Mat();
            Core.multiply(lightness, new Scalar(1 / Math.max(1, paper[0])), expected);
            Imgproc.threshold(expected, expected, 1, 1, Imgproc.THRESH_TRUNC);
            Core.scaleAdd(expected, -paper[1], a, a);
            Core.scaleAdd(expected, -paper[2], b, b);
            expected.release();
        }
        Mat chroma = new Mat();
        Core.magnitude(a, b, chroma);
        Mat colored = new Mat();
        Imgproc.threshold(chroma, colored, chromaThreshold, 1, Imgproc.THRESH_BINARY);
        double share = Core.sumElems(colored).val[0] / (colored.rows() * (double) colored.cols());
        channels.forEach(Mat::release);
        chroma.release();
        colored.release();
        return share;
    }

    private static Mat downscaled(Mat bgr) {
        int longSide = Math.max(bgr.cols(), bgr.rows());
        if (longSide <= ANALYSIS_SIDE) {
            return bgr;
        }
        double scale = (double) ANALYSIS_SIDE / longSide;
        Mat small = new Mat();
        Imgproc.resize(bgr, small, new Size(Math.max(1, Math.round(bgr.cols() * scale)),
                Math.max(1, Math.round(bgr.rows() * scale))), 0, 0, Imgproc.INTER_AREA);
        return small;
    }

    /** The paper's (L*, a*, b*): the median, its tint dropped when it is not near neutral. */
    private static double[] paperColor(Mat lightness, Mat a, Mat b) {
        double medianA = median(a);
        double medianB = median(b);
        if (Math.hypot(medianA, medianB) <= MAX_PAPER_TINT) {
            return new double[] {median(lightness), medianA, medianB};
        }
        return new double[] {100, 0, 0};
    }

    /** Median of a float plane, to a tenth of a CIELAB unit (a histogram over -128..128, which holds L* too). */
    private static double median(Mat plane) {
        int bins = 2560;
        Mat hist = new Mat();
        Imgproc.calcHist(List.of(plane), new MatOfInt(0), new Mat(), hist,
                new MatOfInt(bins), new MatOfFloat(-128f, 128f));
        float[] counts = new float[bins];
        hist.get(0, 0, counts);
        hist.release();
        double half = plane.rows() * (double) plane.cols() / 2;
        double seen = 0;
        for (int i = 0; i < bins; i++) {
            seen += counts[i];
            if (seen >= half) {
                return -128 + (i + 0.5) * 256.0 / bins;
            }
        }
        return 0;
    }
}
