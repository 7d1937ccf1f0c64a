package dev.colorize.trainer.dataset.openclipart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.TripletFolder;
import dev.colorize.trainer.dataset.triplet.DrawingTriplet;
import dev.colorize.trainer.dataset.triplet.SvgRasterizer;
import dev.colorize.trainer.dataset.triplet.TripletAlignment;
import dev.colorize.trainer.dataset.triplet.TripletFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real openclipart files (test resources {@code openclipart/}): a pear and a dog, colored fills with black
 * outlines, both by Gerald G., are kept; a second copy of the pear, a gradient, a flag and a star without ink are dropped.
 */
class OpenClipartImportTest {

    private static final int SIZE = 96;

    @TempDir
    static Path dir;

    private static OpenClipartImportReport report;

    @BeforeAll
    static void importResources() throws IOException {
        report = importer().run(resources(), dir.resolve("out"), options());
    }

    @Test
    void drawingsWithInkAndColorsAreKeptInTheLayoutTrainingReads() {
        TripletFolder folder = new TripletFolder(dir.resolve("out"), SIZE, true);
        List<String> names = Stream.concat(folder.drawings("train").stream(), folder.drawings("validation").stream())
                .map(TripletFolder.Triplet::name).sorted().toList();
        assertThat(names).containsExactly("animals-mammals-dog_01_drawn_with_strai_01", "food-copies-pear_simple");
    }

    @Test
    void whatDoesNotSplitIsDroppedAndCountedByReason() throws IOException {
        assertThat(report.dropped()).containsExactlyInAnyOrderEntriesOf(Map.of(OpenClipartImporter.DUPLICATE, 1,
                ClipartContent.GRADIENT, 1, OpenClipartImporter.FLAG, 1, TripletFilter.NEAR_EMPTY_LINES, 1));
        assertThat(Files.readString(dir.resolve("out/manifest.json"))).contains("Public domain");
        assertThat(Files.readString(dir.resolve("out/ATTRIBUTION.md"))).contains("| Gerald G. | 2 | train |");
    }

    @Test
    void theInkIsTheLineLayerAndTheColorsTheFlats() throws IOException {
        String pear = Files.readString(resources().resolve("food/fruit/pear_simple.svg"));
        DrawingTriplet t = importer().render(pear, SIZE);
        assertThat(TripletFilter.darkFraction(t)).as("ink in the lines").isGreaterThan(0.01);
        assertThat(darkInFlats(t)).as("ink left in the flats").isLessThan(0.002);
        assertThat(TripletFilter.nonWhiteFraction(t)).as("colored flats").isGreaterThan(0.1);
        assertThat(TripletAlignment.meanAbsoluteError(t)).as("lines x flats against the drawing").isLessThan(3);
    }

    @Test
    void aColoredShapeOverABlackOneHidesItInTheLinesAsInTheDrawing() throws IOException {
        // the outline-fill technique: a black disc under a slightly smaller red one leaves a black ring
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">"
                + "<circle cx=\"50\" cy=\"50\" r=\"40\"/>"
                + "<circle cx=\"50\" cy=\"50\" r=\"36\" style=\"fill:#e03020;stroke:none\"/></svg>";
        DrawingTriplet t = importer().render(svg, 100);
        assertThat(gray(t, 50, 50)).as("lines inside the red disc").isGreaterThan(250);
        assertThat(gray(t, 50, 12)).as("lines on the ring").isLessThan(10);
        assertThat(t.flats().getRGB(50, 50) & 0xFFFFFF).isEqualTo(0xE03020);
        assertThat(t.flats().getRGB(50, 12) & 0xFFFFFF).as("no black in the flats").isEqualTo(0xFFFFFF);
    }

    @Test
    void filesWithoutTheSvgNamespaceStillRender() throws IOException {
        String bare = "<?xml version=\"1.0\"?><svg height=\"10\" width=\"10\"><rect width=\"10\" height=\"5\"/>"
                + "<rect y=\"5\" width=\"10\" height=\"5\" fill=\"#2060e0\"/></svg>";
        DrawingTriplet t = importer().render(bare, 10);
        assertThat(gray(t, 5, 2)).isLessThan(10);
        assertThat(t.flats().getRGB(5, 8) & 0xFFFFFF).isEqualTo(0x2060E0);
        String declared = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assertThat(OpenClipartImporter.withSvgNamespace(declared)).isEqualTo(declared);
    }

    @Test
    void aSecondRunResumesWithoutRenderingAgain() throws IOException {
        OpenClipartImportReport again = importer().run(resources(), dir.resolve("out"), options());
        assertThat(again.resumed()).isEqualTo(2);
        assertThat(again.drawings()).isEqualTo(report.drawings());
        assertThat(again.dropped()).isEqualTo(report.dropped());
    }

    private static double darkInFlats(DrawingTriplet t) {
        long dark = 0;
        for (int y = 0; y < t.height(); y++) {
            for (int x = 0; x < t.width(); x++) {
                int rgb = t.flats().getRGB(x, y);
                if (Paint.isInk(rgb & 0xFFFFFF) && (rgb & 0xFFFFFF) < 0x202020) {
                    dark++;
                }
            }
        }
        return dark / (double) (t.width() * t.height());
    }

    private static int gray(DrawingTriplet t, int x, int y) {
        return t.lines().getRaster().getSample(x, y, 0);
    }

    private static OpenClipartImporter importer() {
        return new OpenClipartImporter(new SvgRasterizer(), new PrintStream(new ByteArrayOutputStream(), true));
    }

    private static OpenClipartImportOptions options() {
        return new OpenClipartImportOptions(SIZE, 0.1, OpenClipartImportOptions.defaults().maxLayerError(), 0, 2);
    }

    private static Path resources() {
        try {
            return Path.of(OpenClipartImportTest.class.getResource("/openclipart").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
