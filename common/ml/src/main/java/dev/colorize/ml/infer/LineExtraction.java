package dev.colorize.ml.infer;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * The line art of a colored image (a reference given without its lines): its dark, near-neutral pixels, the ink a
 * colorist lays over flats, on white. Dark saturated colors (navy, maroon) are fills, not ink.
 */
public final class LineExtraction {

    /** 8-bit Lab: at most this light ... */
    static final int MAX_INK_LIGHTNESS = 100;
    /** ... and at most this far from neutral in a* or b* reads as ink. */
    static final int MAX_INK_CHROMA = 24;

    private LineExtraction() {}

    /** 8-bit gray line art of a BGR image: ink pixels keep their lightness, everything else is white. A new Mat. */
    public static Mat lines(Mat colored) {
        Mat lab = new Mat();
        Imgproc.cvtColor(colored, lab, Imgproc.COLOR_BGR2Lab);
        Mat dark = new Mat();
        Core.inRange(lab, new Scalar(0, 128 - MAX_INK_CHROMA, 128 - MAX_INK_CHROMA),
                new Scalar(MAX_INK_LIGHTNESS, 128 + MAX_INK_CHROMA, 128 + MAX_INK_CHROMA), dark);
        Mat gray = new Mat();
        Imgproc.cvtColor(colored, gray, Imgproc.COLOR_BGR2GRAY);
        Mat lines = new Mat(colored.size(), CvType.CV_8UC1, new Scalar(255));
        gray.copyTo(lines, dark);
        Mats.release(lab, dark, gray);
        return lines;
    }
}
