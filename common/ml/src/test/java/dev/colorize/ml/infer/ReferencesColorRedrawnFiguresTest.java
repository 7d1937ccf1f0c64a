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
 * A figure of a colored reference, drawn again elsewhere on a page at another size and with other proportions (never
 * copied), takes the reference's colors region by region; hints still decide their regions; without references the
 * page is the network's alone.
 */
class ReferencesColorRedrawnFiguresTest {

    private static final Scalar SKIN = ReferenceFigures.SKIN;
    private static final Scalar COAT = ReferenceFigures.COAT;

    @TempDir
    static Path dir;
    static Path artifact;

    @BeforeAll
    static void tinyModel() throws Exception {
        OpenCvNative.ensureLoaded();
        artifact = TinyModels.trainedArtifact(dir, 5, 4);
    }

    private static Mat reference(boolean colored) {
        return ReferenceFigures.figure(256, 256, 90, 40, 1.4, 80, colored);
    }

    /** The same character elsewhere, smaller, with a shorter coat: head at (160, 92), coat around (160, 150). */
    private static Mat redrawn() {
        return ReferenceFigures.figure(256, 256, 160, 70, 1.0, 60, false);
    }

    private static double[] at(Mat image, double x, double y) {
        return image.get((int) y, (int) x);
    }

    private static void assertColor(double[] bgr, Scalar expected, String where) {
        for (int c = 0; c < 3; c++) {
            assertThat(bgr[c]).as(where + " channel " + c).isCloseTo(expected.val[c], org.assertj.core.data.Offset.offset(12.0));
        }
    }

    @Test
    void aRedrawnFigureTakesTheReferencesColorsRegionByRegion() throws Exception {
        try (Colorizer colorizer = Colorizer.load(artifact, ColorizerOptions.defaults())) {
            ReferenceArt art = colorizer.describeReference(reference(true), reference(false));
            List<Colorizer.ColorLayers> both = colorizer.colorLayers(List.of(
                    new Colorizer.PageInput(redrawn(), null, List.of(art)), new Colorizer.PageInput(redrawn())));
            Colorizer.ColorLayers layers = both.get(0);

            assertColor(at(layers.flats(), 160, 92), SKIN, "the head");
            assertColor(at(layers.flats(), 160, 150), COAT, "the coat");
            assertThat(at(layers.flats(), 20, 20)).as("the paper around the figure is the network's, as without")
                    .containsExactly(at(both.get(1).flats(), 20, 20));
            assertThat(layers.matches().followed()).isEqualTo(2);
            assertThat(layers.matches().regions()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aReferenceGivenWithoutItsLinesIsReadFromItsInk() throws Exception {
        try (Colorizer colorizer = Colorizer.load(artifact, ColorizerOptions.defaults())) {
            ReferenceArt art = colorizer.describeReference(reference(true), null);
            Mat flats = colorizer.colorLayers(List.of(new Colorizer.PageInput(redrawn(), null, List.of(art)))).get(0)
                    .flats();

            assertColor(at(flats, 160, 92), SKIN, "the head");
            assertColor(at(flats, 160, 150), COAT, "the coat");
        }
    }

    @Test
    void aHintDecidesItsRegionOverTheReferenceAndNoReferenceLeavesTheNetworksColors() throws Exception {
        try (Colorizer colorizer = Colorizer.load(artifact, ColorizerOptions.defaults())) {
            ReferenceArt art = colorizer.describeReference(reference(true), reference(false));
            Mat hints = Mat.zeros(256, 256, CvType.CV_8UC4);
            Imgproc.circle(hints, new Point(160, 150), 3, new Scalar(40, 200, 40, 255), -1);
            List<Colorizer.ColorLayers> layers = colorizer.colorLayers(List.of(
                    new Colorizer.PageInput(redrawn(), hints, List.of(art)), new Colorizer.PageInput(redrawn())));

            assertColor(at(layers.get(0).flats(), 160, 150), new Scalar(40, 200, 40), "the hinted coat");
            assertColor(at(layers.get(0).flats(), 160, 92), SKIN, "the head");
            assertThat(layers.get(0).matches().followed()).isEqualTo(1);
            assertThat(layers.get(1).matches()).isEqualTo(ReferenceMatches.NONE);
            double[] unguidedHead = at(layers.get(1).flats(), 160, 92);
            assertThat(Math.abs(unguidedHead[0] - SKIN.val[0]) + Math.abs(unguidedHead[1] - SKIN.val[1])
                    + Math.abs(unguidedHead[2] - SKIN.val[2])).as("a 5-step model does not guess the skin").isGreaterThan(36);
        }
    }
}
