package dev.colorize.ml.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.ml.artifact.ArtifactIntegrityException;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.artifact.RegionMetricFile;
import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.testing.ReferenceFigures;
import dev.colorize.ml.testing.TinyModels;
import dev.colorize.platform.hashing.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Point;

/**
 * A region metric fitted on chapters of one character redrawn (the head and the coat at other places, sizes and
 * proportions) brings each part's drawings together and keeps the parts apart; written into the model it is what
 * pages follow references with; a metric fitted on other weights is refused.
 */
class FittedRegionMetricTellsPartsApartTest {

    @TempDir
    static Path dir;
    static Path artifact;

    @BeforeAll
    static void tinyModel() throws Exception {
        OpenCvNative.ensureLoaded();
        artifact = TinyModels.trainedArtifact(dir, 5, 4);
    }

    /** {cx, top, scale, coat height} of each drawing of a chapter; the first is its reference. */
    private static final double[][][] CHAPTERS = {
        {{90, 40, 1.4, 80}, {160, 70, 1.0, 60}, {120, 30, 1.2, 100}, {70, 90, 0.9, 70}},
        {{128, 20, 1.5, 60}, {100, 60, 1.1, 90}, {170, 40, 0.8, 110}},
        {{80, 50, 1.0, 120}, {150, 30, 1.3, 70}, {110, 80, 0.9, 80}},
    };

    private static List<List<ReferenceArt>> described(Colorizer colorizer) {
        List<List<ReferenceArt>> chapters = new ArrayList<>();
        for (double[][] chapter : CHAPTERS) {
            List<ReferenceArt> arts = new ArrayList<>();
            for (double[] d : chapter) {
                Mat colored = ReferenceFigures.figure(256, 256, d[0], d[1], d[2], d[3], true);
                Mat lines = ReferenceFigures.figure(256, 256, d[0], d[1], d[2], d[3], false);
                arts.add(arts.isEmpty() ? colorizer.describeReference(colored, lines)
                        : colorizer.describeAsPage(colored, lines));
            }
            chapters.add(arts);
        }
        return chapters;
    }

    /** Within the few levels a reference's anti-aliased edges move its voted color. */
    private static void assertNear(double[] bgr, double[] expected, String where) {
        for (int c = 0; c < 3; c++) {
            assertThat(bgr[c]).as(where + " channel " + c).isCloseTo(expected[c], org.assertj.core.data.Offset.offset(12.0));
        }
    }

    @Test
    void theFitBringsAPartsDrawingsTogetherAndKeepsThePartsApart() throws Exception {
        try (Colorizer colorizer = Colorizer.load(artifact, ColorizerOptions.defaults())) {
            List<List<ReferenceArt>> chapters = described(colorizer);
            String sha = Sha256.hex(artifact.resolve(ModelArtifact.WEIGHTS));
            RegionMetricFit.Fit fit = RegionMetricFit.fit(chapters, sha, "test chapters",
                    RegionMetricFit.DEFAULT_WRONG_COST);

            RegionMetricFile file = fit.metric();
            assertThat(file.weightsSha256()).isEqualTo(sha);
            ReferenceArt first = chapters.get(0).get(0);
            assertThat(file.inputWidth()).as("place, read and context")
                    .isEqualTo(RegionDescriptors.WIDTH + first.regions().read()[0].length
                            + first.regions().context()[0].length);
            RegionMetric metric = RegionMetric.learned(file);
            double samePart = 0;
            double otherPart = 0;
            int same = 0;
            int other = 0;
            List<ReferenceArt> all = chapters.stream().flatMap(List::stream).toList();
            for (ReferenceArt a : all) {
                RegionDescriptors da = a.regions().withMetric(metric);
                for (ReferenceArt b : all) {
                    RegionDescriptors db = b.regions().withMetric(metric);
                    for (int i = 0; i < da.size(); i++) {
                        for (int j = 0; j < db.size(); j++) {
                            if (a == b && i == j) {
                                continue;
                            }
                            double d = da.distance(i, db, j);
                            if (ReferenceMatcher.rgbDistance(a.color(i), b.color(j)) == 0) {
                                samePart += d;
                                same++;
                            } else {
                                otherPart += d;
                                other++;
                            }
                        }
                    }
                }
            }
            assertThat(same).isPositive();
            assertThat(other).isPositive();
            assertThat(samePart / same).as("a part's drawings, against different parts, in the fitted metric")
                    .isLessThan(0.5 * otherPart / other);
            RegionMetricFit.Score learned = RegionMetricFit.score(chapters, file);
            assertThat(learned.inReference()).as("the page regions' colors are the reference's (but for slivers)")
                    .isGreaterThan(0.98);
            assertThat(learned.nearestRight()).as("each page region's nearest reference region is its part")
                    .isGreaterThan(learned.inReference() - 0.01);
            assertThat(learned.wrong()).isLessThan(0.02);
            assertThat(learned.correct()).isGreaterThan(0.5);
        }
    }

    @Test
    void aModelWithAFittedMetricFollowsReferencesWithItAndOneOfOtherWeightsIsRefused() throws Exception {
        Path fitted = dir.resolve("fitted");
        Files.createDirectories(fitted);
        for (String name : List.of(ModelArtifact.MANIFEST, ModelArtifact.WEIGHTS)) {
            Files.copy(artifact.resolve(name), fitted.resolve(name));
        }
        try (Colorizer colorizer = Colorizer.load(fitted, ColorizerOptions.defaults())) {
            RegionMetricFit.fit(described(colorizer), Sha256.hex(fitted.resolve(ModelArtifact.WEIGHTS)), "test",
                    RegionMetricFit.DEFAULT_WRONG_COST).metric().write(fitted);
        }
        try (Colorizer colorizer = Colorizer.load(fitted, ColorizerOptions.defaults())) {
            ReferenceArt art = colorizer.describeReference(ReferenceFigures.figure(256, 256, 90, 40, 1.4, 80, true),
                    ReferenceFigures.figure(256, 256, 90, 40, 1.4, 80, false));
            assertThat(art.regions().metric()).as("the model's fitted metric").isNotSameAs(RegionMetric.HAND_SET);
            Colorizer.ColorLayers layers = colorizer.colorLayers(List.of(new Colorizer.PageInput(
                    ReferenceFigures.figure(256, 256, 160, 70, 1.0, 60, false), null, List.of(art)))).get(0);
            Point head = ReferenceFigures.head(160, 70, 1.0);
            Point coat = ReferenceFigures.coat(160, 70, 1.0, 60);
            assertNear(layers.flats().get((int) head.y, (int) head.x), ReferenceFigures.SKIN.val, "the head");
            assertNear(layers.flats().get((int) coat.y, (int) coat.x), ReferenceFigures.COAT.val, "the coat");
            assertThat(layers.matches().followed()).isEqualTo(2);
        }

        RegionMetricFile metric = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(fitted.resolve(RegionMetricFile.FILE).toFile(), RegionMetricFile.class);
        new RegionMetricFile(metric.formatVersion(), "0".repeat(64), metric.projection(), metric.maxDistance(),
                metric.ratio(), metric.fittedOn()).write(fitted);
        assertThatThrownBy(() -> ModelArtifact.load(fitted, ai.djl.Device.cpu()))
                .isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("fit-region-metric");
    }
}
