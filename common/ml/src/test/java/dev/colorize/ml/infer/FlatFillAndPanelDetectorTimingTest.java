package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Prints (does not assert) the run times on a 1000x1400 page, for the docs. */
class FlatFillAndPanelDetectorTimingTest {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 1400;
    private static final int WARMUP = 3;
    private static final int RUNS = 7;

    private static double medianMillis(Supplier<?> work) {
        for (int i = 0; i < WARMUP; i++) {
            work.get();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }

    @Test
    void printsTheTimesOfPanelDetectionAndFlatFillOnA1000x1400Page() {
        Mat page = MangaPages.blank(WIDTH, HEIGHT);
        List<Rect> boxes = MangaPages.grid(WIDTH, HEIGHT, 2, 3, 50, 25);
        Random random = new Random(1);
        for (Rect box : boxes) {
            MangaPages.frame(page, box, MangaPages.FRAME_PX);
            MangaPages.drawInside(page, box, random);
        }
        Mat prediction = new Mat(HEIGHT, WIDTH, CvType.CV_8UC3);
        Core.randu(prediction, 0, 256);
        Imgproc.GaussianBlur(prediction, prediction, new Size(0, 0), 8);

        PanelDetector detector = new PanelDetector();
        FlatFill flatFill = new FlatFill();
        assertThat(detector.detect(page)).hasSize(6);
        LineRegions regions = flatFill.regions(page);

        double detect = medianMillis(() -> detector.detect(page));
        double regionsMs = medianMillis(() -> flatFill.regions(page));
        double fillMs = medianMillis(() -> flatFill.paint(regions, flatFill.regionColors(regions, prediction), prediction));
        double both = medianMillis(() -> flatFill.fill(page, prediction));
        System.out.printf("TIMING %dx%d page (%d regions, median of %d runs after %d warm-up): "
                        + "PanelDetector.detect %.1f ms; FlatFill.regions %.1f ms, FlatFill.fill(regions, prediction) %.1f ms, "
                        + "FlatFill.fill(lineArt, prediction) %.1f ms%n",
                WIDTH, HEIGHT, regions.count() - 1, RUNS, WARMUP, detect, regionsMs, fillMs, both);
    }
}
