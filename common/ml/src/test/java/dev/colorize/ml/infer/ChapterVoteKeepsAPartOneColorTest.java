package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.testing.ReferenceFigures;
import dev.colorize.ml.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Pages of one chapter colored together give a character part one color on all of them: the same figure drawn on two
 * pages at other places and sizes gets one head color and one coat color, and a hint on one page's coat colors the
 * other page's coat too; pages of no chapter are colored each on its own.
 */
class ChapterVoteKeepsAPartOneColorTest {

    @TempDir
    static Path dir;
    static Path artifact;

    @BeforeAll
    static void tinyModel() throws Exception {
        OpenCvNative.ensureLoaded();
        artifact = TinyModels.trainedArtifact(dir, 5, 4);
    }

    private static Mat first() {
        return ReferenceFigures.figure(256, 256, 90, 40, 1.4, 80, false);
    }

    private static Mat second() {
        return ReferenceFigures.figure(256, 256, 160, 70, 1.0, 60, false);
    }

    private static double[] at(Mat image, Point p) {
        return image.get((int) p.y, (int) p.x);
    }

    @Test
    void aHintOnOnePagesCoatColorsTheCoatOfTheOtherPageOfTheChapter() throws Exception {
        Point firstCoat = ReferenceFigures.coat(90, 40, 1.4, 80);
        Point secondCoat = ReferenceFigures.coat(160, 70, 1.0, 60);
        Point firstHead = ReferenceFigures.head(90, 40, 1.4);
        Point secondHead = ReferenceFigures.head(160, 70, 1.0);
        Mat hints = Mat.zeros(256, 256, CvType.CV_8UC4);
        Imgproc.circle(hints, firstCoat, 3, new Scalar(40, 200, 40, 255), -1);
        try (Colorizer colorizer = Colorizer.load(artifact, ColorizerOptions.defaults())) {
            List<Colorizer.ColorLayers> chapter = colorizer.colorLayers(List.of(
                    new Colorizer.PageInput(first(), hints, List.of(), "chapter-1"),
                    new Colorizer.PageInput(second(), null, List.of(), "chapter-1")));
            List<Colorizer.ColorLayers> apart = colorizer.colorLayers(List.of(
                    new Colorizer.PageInput(first(), hints), new Colorizer.PageInput(second())));

            assertThat(at(chapter.get(0).flats(), firstCoat)).containsExactly(40, 200, 40);
            assertThat(at(chapter.get(1).flats(), secondCoat)).as("the other page's coat").containsExactly(40, 200, 40);
            assertThat(at(chapter.get(1).flats(), secondHead)).as("one head color")
                    .containsExactly(at(chapter.get(0).flats(), firstHead));
            assertThat(at(apart.get(1).flats(), secondCoat)).as("a page of no chapter follows no other page's hint")
                    .isNotEqualTo(new double[] {40, 200, 40});
        }
    }
}
