package dev.colorize.trainer.dataset;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.UndecodableImageException;
import dev.colorize.trainer.config.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Keeps clip art worth learning colors from: skips images that are too small, mostly empty (few pixels
 * differ from the white background that transparency is flattened onto) or nearly colorless (low mean
 * saturation over the drawn pixels).
 */
public final class ClipartFilter {

    /** Channel value above which a pixel counts as background white. */
    private static final double BACKGROUND = 245;

    private final int minSide;
    private final double minContentFraction;
    private final double minSaturation;

    public ClipartFilter(int minSide, double minContentFraction, double minSaturation) {
        this.minSide = minSide;
        this.minContentFraction = minContentFraction;
        this.minSaturation = minSaturation;
    }

    public static ClipartFilter from(TrainerConfig.Import config) {
        return new ClipartFilter(config.minSide(), config.minContentFraction(), config.minSaturation());
    }

    /** Empty when the image is kept; otherwise why it is skipped (too-small, mostly-empty, colorless, undecodable). */
    public Optional<String> rejection(byte[] encoded) {
        Mat bgr;
        try {
            bgr = ImageCodec.decodeBgr(encoded);
        } catch (UndecodableImageException e) {
            return Optional.of("undecodable");
        }
        if (Math.min(bgr.rows(), bgr.cols()) < minSide) {
            return Optional.of("too-small");
        }
        Mat content = contentMask(bgr);
        int drawn = Core.countNonZero(content);
        if (drawn < minContentFraction * bgr.rows() * bgr.cols()) {
            return Optional.of("mostly-empty");
        }
        Mat hsv = new Mat();
        Imgproc.cvtColor(bgr, hsv, Imgproc.COLOR_BGR2HSV);
        double saturation = Core.mean(hsv, content).val[1] / 255.0;
        return saturation < minSaturation ? Optional.of("colorless") : Optional.empty();
    }

    private static Mat contentMask(Mat bgr) {
        List<Mat> channels = new ArrayList<>();
        Core.split(bgr, channels);
        Mat darkest = new Mat();
        Core.min(channels.get(0), channels.get(1), darkest);
        Core.min(darkest, channels.get(2), darkest);
        Mat mask = new Mat();
        Core.compare(darkest, new Scalar(BACKGROUND), mask, Core.CMP_LT);
        return mask;
    }
}
