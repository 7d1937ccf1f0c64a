package dev.colorize.ml.infer;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Brings a model-resolution prediction back to the page: the prediction's chroma (Lab a, b) is
 * upsampled to the page size and combined with the page's own full-resolution lightness, so the
 * line art stays as sharp as it was drawn.
 */
public final class ChromaTransfer {

    private ChromaTransfer() {}

    /** {@code predicted}: model-size BGR; {@code content}: the page's rectangle inside it. */
    public static Mat apply(Mat page, Mat predicted, Rect content) {
        Mat chroma = new Mat();
        Imgproc.resize(predicted.submat(content), chroma, new Size(page.cols(), page.rows()), 0, 0, Imgproc.INTER_CUBIC);
        Mat chromaLab = new Mat();
        Imgproc.cvtColor(chroma, chromaLab, Imgproc.COLOR_BGR2Lab);
        Mat pageLab = new Mat();
        Imgproc.cvtColor(page, pageLab, Imgproc.COLOR_BGR2Lab);
        List<Mat> pageChannels = new ArrayList<>();
        List<Mat> chromaChannels = new ArrayList<>();
        Core.split(pageLab, pageChannels);
        Core.split(chromaLab, chromaChannels);
        Mat lab = new Mat();
        Core.merge(List.of(pageChannels.get(0), chromaChannels.get(1), chromaChannels.get(2)), lab);
        Mat bgr = new Mat();
        Imgproc.cvtColor(lab, bgr, Imgproc.COLOR_Lab2BGR);
        return bgr;
    }
}
