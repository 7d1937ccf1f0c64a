package dev.colorize.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.sketch.SketchExtractor;
import dev.colorize.ml.data.sketch.SketchMix;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class SketchExtractorsFindLinesAtColorEdgesTest {

    private static final int SIZE = 96;
    private static final int LO = 24;
    private static final int HI = 71;

    /** White illustration with a flat colored square [LO, HI] and no drawn outline. */
    private static Mat colorSquare() {
        OpenCvNative.ensureLoaded();
        Mat image = new Mat(SIZE, SIZE, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.rectangle(image, new Point(LO, LO), new Point(HI, HI), new Scalar(200, 120, 60), -1);
        return image;
    }

    private static boolean darkNear(byte[] sketch, int x, int y, int radius) {
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                if ((sketch[(y + dy) * SIZE + x + dx] & 0xff) < 128) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void everyExtractorDrawsTheSquaresOutlineAndLeavesFlatAreasWhite() {
        Mat image = colorSquare();
        for (SketchExtractor extractor : SketchMix.standard().extractors()) {
            Mat sketch = extractor.extract(image);
            assertThat(sketch.type()).isEqualTo(CvType.CV_8UC1);
            assertThat(sketch.size()).isEqualTo(image.size());
            byte[] px = new byte[SIZE * SIZE];
            sketch.get(0, 0, px);

            int covered = 0;
            int border = 0;
            for (int t = LO; t <= HI; t++) {
                for (int[] p : new int[][] {{t, LO}, {t, HI}, {LO, t}, {HI, t}}) {
                    border++;
                    covered += darkNear(px, p[0], p[1], 2) ? 1 : 0;
                }
            }
            assertThat((double) covered / border).as("%s outline coverage", extractor).isGreaterThan(0.9);

            int flatDark = 0;
            int flat = 0;
            for (int y = 2; y < SIZE - 2; y++) {
                for (int x = 2; x < SIZE - 2; x++) {
                    int distance = Math.min(Math.min(Math.abs(x - LO), Math.abs(x - HI)),
                            Math.min(Math.abs(y - LO), Math.abs(y - HI)));
                    if (distance > 5) {
                        flat++;
                        flatDark += (px[y * SIZE + x] & 0xff) < 128 ? 1 : 0;
                    }
                }
            }
            assertThat((double) flatDark / flat).as("%s dark share of flat areas", extractor).isLessThan(0.01);
        }
    }

    @Test
    void theMixUsesEveryExtractor() {
        Mat image = colorSquare();
        SketchMix mix = SketchMix.standard();
        Random random = new Random(3);
        Set<Double> distinct = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            distinct.add(Core.sumElems(mix.extract(image, random)).val[0]);
        }
        assertThat(distinct).hasSize(3);
    }
}
