package dev.colorize.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/** Training hints as users give them, and the regions the loss then weighs (issue 23, item 5). */
class SimulatedHintsStayInsideTheirRegionsTest {

    private static final int SIZE = 64;

    @BeforeAll
    static void openCv() {
        OpenCvNative.ensureLoaded();
    }

    /** White paper, a red block, a blue block beside it and a green square inside the blue one. */
    private static Mat flats() {
        Mat flats = new Mat(SIZE, SIZE, CvType.CV_8UC3, new Scalar(255, 255, 255));
        flats.submat(new Rect(4, 4, 26, 56)).setTo(new Scalar(0, 0, 220));
        flats.submat(new Rect(32, 4, 28, 56)).setTo(new Scalar(200, 60, 0));
        flats.submat(new Rect(40, 20, 12, 12)).setTo(new Scalar(40, 200, 40));
        return flats;
    }

    @Test
    void everyHintHasItsRegionsColorAndTheRegionsAreWholeFlatRegions() {
        Mat flats = flats();
        int withoutHints = 0;
        int scribbles = 0;
        Random random = new Random(7); // one generator: the first draws of consecutive seeds are alike
        for (int sample = 0; sample < 200; sample++) {
            HintLayer.SimulatedHints simulated = HintLayer.simulate(flats, random, HintLayer.Style.REGIONS);
            int hinted = 0;
            int[] hintedByRegion = new int[4];
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double[] hint = simulated.hints().get(y, x);
                    double[] flat = flats.get(y, x);
                    boolean inRegion = simulated.regions().get(y, x)[0] > 0;
                    if (hint[3] > 0) {
                        hinted++;
                        hintedByRegion[region(flat)]++;
                        for (int c = 0; c < 3; c++) {
                            assertThat(hint[c]).as("hint color at %d,%d, sample %d", x, y, sample).isEqualTo(flat[c]);
                        }
                        assertThat(inRegion).as("a hinted pixel lies in a weighted region").isTrue();
                    }
                }
            }
            // a region is weighted whole when it holds a hint, and not at all when it holds none
            for (int r = 0; r < 4; r++) {
                int weighted = 0;
                int pixels = 0;
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        if (region(flats.get(y, x)) == r) {
                            pixels++;
                            weighted += simulated.regions().get(y, x)[0] > 0 ? 1 : 0;
                        }
                    }
                }
                assertThat(weighted).as("region %d, sample %d", r, sample).isEqualTo(hintedByRegion[r] > 0 ? pixels : 0);
            }
            if (hinted == 0) {
                withoutHints++;
            }
            if (hinted > 13 * 12) { // more than twelve of the largest dots (13 px): some hints are strokes
                scribbles++;
            }
        }
        assertThat(withoutHints).as("samples left for automatic coloring").isBetween(70, 130);
        assertThat(scribbles).isPositive();
    }

    @Test
    void aHintDoesNotCrossIntoAnotherColor() {
        // a 3 px stripe of color between white: dots and strokes stay on the stripe
        Mat flats = new Mat(SIZE, SIZE, CvType.CV_8UC3, new Scalar(255, 255, 255));
        flats.submat(new Rect(0, 30, SIZE, 3)).setTo(new Scalar(0, 0, 220));
        Random random = new Random(7);
        for (int sample = 0; sample < 100; sample++) {
            Mat hints = HintLayer.simulate(flats, random, HintLayer.Style.REGIONS).hints();
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double[] hint = hints.get(y, x);
                    if (hint[3] > 0 && hint[2] == 220) {
                        assertThat(y).as("a red hint pixel, sample %d", sample).isBetween(30, 32);
                    }
                }
            }
        }
    }

    /** 0 paper, 1 red, 2 blue, 3 green. */
    private static int region(double[] bgr) {
        if (bgr[0] == 255) {
            return 0;
        }
        return bgr[2] == 220 ? 1 : bgr[0] == 200 ? 2 : 3;
    }
}
