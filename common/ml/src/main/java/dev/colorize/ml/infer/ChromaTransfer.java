package dev.colorize.ml.infer;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The lightness-preserving composite for grayscale photos and toned pages: the page's own Lab
 * lightness with the chroma (Lab a, b) of the flats, both at the page's resolution.
 */
final class ChromaTransfer {

    private ChromaTransfer() {}

    static Mat apply(Mat page, Mat flats) {
        Mat flatsLab = new Mat();
        Imgproc.cvtColor(flats, flatsLab, Imgproc.COLOR_BGR2Lab);
        Mat pageLab = new Mat();
        Imgproc.cvtColor(page, pageLab, Imgproc.COLOR_BGR2Lab);
        List<Mat> pageChannels = new ArrayList<>();
        List<Mat> flatChannels = new ArrayList<>();
        Core.split(pageLab, pageChannels);
        Core.split(flatsLab, flatChannels);
        Mat lab = new Mat();
        Core.merge(List.of(pageChannels.get(0), flatChannels.get(1), flatChannels.get(2)), lab);
        Mat bgr = new Mat();
        Imgproc.cvtColor(lab, bgr, Imgproc.COLOR_Lab2BGR);
        return bgr;
    }
}
