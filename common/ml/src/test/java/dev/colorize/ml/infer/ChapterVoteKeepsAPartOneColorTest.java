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

    /** A head split by a line off its middle into a small and a large half, {@code scale} times 256 px. */
    private static Mat splitHead(double scale) {
        int size = (int) Math.round(256 * scale);
        Mat page = new Mat(size, size, CvType.CV_8UC1, new Scalar(255));
        Point center = new Point(size / 2.0, size / 2.0);
        Imgproc.circle(page, center, (int) Math.round(70 * scale), new Scalar(0), (int) Math.round(3 * scale));
        int x = (int) Math.round(center.x - 25 * scale);
        Imgproc.line(page, new Point(x, 0), new Point(x, size - 1), new Scalar(0), (int) Math.round(3 * scale));
        return page;
    }

    private static int packed(int r, int g, int b) {
        return r << 16 | g << 8 | b;
    }

    @Test
    void regionsOfAPageTheNetworkPaintedAlikeKeepOneColorWhenTheVoteWouldPatchThem() {
        FlatFill fill = new FlatFill();
        Mat small = splitHead(1.0);
        Mat large = splitHead(1.5);
        LineRegions a = fill.regions(small);
        LineRegions b = fill.regions(large);
        int aLeft = a.label(128 - 45, 128);
        int aRight = a.label(128 + 20, 128);
        int bLeft = b.label(192 - 67, 192);
        int bRight = b.label(192 + 30, 192);
        assertThat(aLeft).isNotEqualTo(aRight);
        // page a: both halves one skin tone, as the network painted them; page b (the larger drawing, which the
        // vote's medoid weighs more): the small half grey
        int skin = packed(230, 190, 150);
        int skinToo = packed(226, 186, 148);
        int grey = packed(120, 120, 130);
        FlatFill.RegionFlats pageA = flats(a, aLeft, skin, aRight, skinToo);
        FlatFill.RegionFlats pageB = flats(b, bLeft, grey, bRight, skin);

        ChapterVote.vote(List.of(pageA, pageB), List.of(
                RegionDescriptors.of(a, List.of(), 50, null), RegionDescriptors.of(b, List.of(), 50, null)));

        assertThat(pageA.colors()[aLeft]).as("page a's small half follows its large half, not page b's grey")
                .isEqualTo(pageA.colors()[aRight]);
        assertThat(pageA.colors()[aLeft]).isNotEqualTo(grey);
        assertThat(pageB.colors()[bLeft]).as("halves painted unlike stay apart").isNotEqualTo(pageB.colors()[bRight]);
    }

    private static FlatFill.RegionFlats flats(LineRegions regions, int left, int leftColor, int right, int rightColor) {
        int[] colors = new int[regions.count()];
        java.util.Arrays.fill(colors, 0xffffff);
        colors[left] = leftColor;
        colors[right] = rightColor;
        int[] decided = new int[regions.count()];
        java.util.Arrays.fill(decided, FlatFill.KEEP_PREDICTION);
        return new FlatFill.RegionFlats(regions, colors, decided, ReferenceMatches.NONE, 50);
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
