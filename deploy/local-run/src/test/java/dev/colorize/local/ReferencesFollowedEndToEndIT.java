package dev.colorize.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorize.ml.testing.ReferenceFigures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * --reference through the whole system, with the shipped default model: a colored reference of a figure (a head above a
 * coat) is stored through the API as a reference of series "local", the chapter is uploaded as a chapter of it, and the
 * worker colors the same figure drawn again (elsewhere, smaller, a shorter coat: redrawn, not copied) in the
 * reference's colors; the same chapter colored without --reference does not come out in them. A reference the service
 * refuses fails the run naming its file.
 */
class ReferencesFollowedEndToEndIT {

    /** BGR, as OpenCV draws. */
    private static final Scalar SKIN = ReferenceFigures.SKIN;
    private static final Scalar COAT = ReferenceFigures.COAT;
    private static final Scalar PAPER = new Scalar(255, 255, 255);
    private static final int TOLERANCE = 20;

    /** Where the redrawn figure's head and coat are on the page (see {@link #page}). */
    private static final int CX = 400;
    private static final int TOP = 300;
    private static final double SCALE = 2.2;
    private static final Point HEAD = ReferenceFigures.head(CX, TOP, SCALE);
    private static final Point COAT_MIDDLE = ReferenceFigures.coat(CX, TOP, SCALE, 60);

    @TempDir
    Path work;

    @BeforeAll
    static void openCv() {
        nu.pattern.OpenCV.loadLocally();
    }

    @Test
    void aRedrawnFigureTakesTheReferencesColorsThroughTheWholeSystemAndNotWithoutIt() throws Exception {
        Path data = work.resolve("data");
        Path pages = Files.createDirectories(work.resolve("pages"));
        Imgcodecs.imwrite(pages.resolve("1-figure.png").toString(), page());
        Path refs = Files.createDirectories(work.resolve("refs"));
        Imgcodecs.imwrite(refs.resolve("sheet.png").toString(), reference(true));
        Imgcodecs.imwrite(refs.resolve("sheet.lines.png").toString(), reference(false));

        RunSummary unguided = run(options(pages, work.resolve("unguided"), data, null));
        RunSummary guided = run(options(pages, work.resolve("guided"), data, refs));

        assertThat(unguided.succeeded()).as("summary %s", unguided).isTrue();
        assertThat(guided.succeeded()).as("summary %s", guided).isTrue();
        assertThat(unguided.referencesStored()).as("no references without --reference").isNull();
        assertThat(unguided.regionsFollowed()).isNull();
        assertThat(guided.referencesStored()).isEqualTo(1);

        Mat withRefs = Imgcodecs.imread(work.resolve("guided/pages/page-0001.png").toString());
        Mat without = Imgcodecs.imread(work.resolve("unguided/pages/page-0001.png").toString());
        double[] head = meanBgr(withRefs, HEAD);
        double[] coat = meanBgr(withRefs, COAT_MIDDLE);
        double[] headWithout = meanBgr(without, HEAD);
        double[] coatWithout = meanBgr(without, COAT_MIDDLE);
        System.out.printf("references: %d of %d regions followed; head %s coat %s; without references: head %s coat %s%n",
                guided.regionsFollowed(), guided.referenceRegions(), Arrays.toString(head), Arrays.toString(coat),
                Arrays.toString(headWithout), Arrays.toString(coatWithout));

        SoftAssertions each = new SoftAssertions(); // every observation reported, not only the first that fails
        each.assertThat(guided.regionsFollowed()).as("regions followed, of %s", guided.referenceRegions())
                .isGreaterThanOrEqualTo(1);
        each.assertThat(near(head, SKIN)).as("the redrawn head in the reference's skin, BGR %s", Arrays.toString(head))
                .isTrue();
        each.assertThat(near(coat, COAT)).as("the redrawn coat in the reference's coat color, BGR %s",
                Arrays.toString(coat)).isTrue();
        each.assertThat(near(headWithout, SKIN) || near(coatWithout, COAT))
                .as("without references neither part is in the reference's colors: head %s coat %s",
                        Arrays.toString(headWithout), Arrays.toString(coatWithout)).isFalse();
        JsonNode summaryFile = JsonHttp.JSON.readTree(work.resolve("guided/summary.json").toFile());
        each.assertThat(summaryFile.path("referencesStored").asInt()).isEqualTo(1);
        each.assertThat(summaryFile.path("regionsFollowed").asInt()).isEqualTo(guided.regionsFollowed());
        each.assertAll();
    }

    @Test
    void aReferenceTheServiceRefusesFailsTheRunNamingItsFileAndTheNextRunReplacesWhatWasStored() throws Exception {
        Path pages = Files.createDirectories(work.resolve("pages"));
        Imgcodecs.imwrite(pages.resolve("1-figure.png").toString(), page());
        // one good reference (its line art read from its ink), then line art of another aspect than its colored image
        Path refs = Files.createDirectories(work.resolve("refs"));
        Imgcodecs.imwrite(refs.resolve("a-good.png").toString(), reference(true));
        Imgcodecs.imwrite(refs.resolve("sheet.png").toString(), reference(true));
        Imgcodecs.imwrite(refs.resolve("sheet.lines.png").toString(), new Mat(300, 600, CvType.CV_8UC3, PAPER));
        LocalOptions options = options(pages, work.resolve("refused"), work.resolve("data"), refs);

        for (int attempt = 1; attempt <= 2; attempt++) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                assertThatThrownBy(() -> new LocalRun(options, out).run())
                        .hasMessageStartingWith("--reference: sheet.lines.png refused by the service (400 "
                                + "lines-aspect-mismatch): ")
                        .hasMessageContaining("'sheet.png'");
            }
            String progress = printed.toString(StandardCharsets.UTF_8);
            System.out.print(progress);
            assertThat(progress).contains("  a-good.png (line art read from its ink)").doesNotContain("accepted");
            if (attempt == 2) { // the first attempt stored a-good.png: the series holds DIR's references, not twice
                assertThat(progress).contains("(replacing the 1 of an earlier run)");
            }
        }
        assertThat(work.resolve("refused/summary.json")).as("no chapter uploaded").doesNotExist();
    }

    /** The reference: the figure at the left, large, with a long coat. */
    private static Mat reference(boolean colored) {
        return ReferenceFigures.figure(600, 800, 200, 100, 3.0, 80, colored);
    }

    /** The page: the same character drawn again at the right, lower, smaller, with a shorter coat. */
    private static Mat page() {
        return ReferenceFigures.figure(600, 800, CX, TOP, SCALE, 60, false);
    }

    /** The mean BGR of the 21x21 pixels around a point. */
    private static double[] meanBgr(Mat image, Point at) {
        double[] sum = new double[3];
        for (int dy = -10; dy <= 10; dy++) {
            for (int dx = -10; dx <= 10; dx++) {
                double[] bgr = image.get((int) at.y + dy, (int) at.x + dx);
                for (int c = 0; c < 3; c++) {
                    sum[c] += bgr[c];
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] = Math.round(sum[c] / 441);
        }
        return sum;
    }

    private static boolean near(double[] bgr, Scalar expected) {
        for (int c = 0; c < 3; c++) {
            if (Math.abs(bgr[c] - expected.val[c]) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private static LocalOptions options(Path input, Path output, Path data, Path references) {
        return new LocalOptions(input, output, data, projectRoot(), LocalOptions.spec(8, 5, 64, Set.of(0, 1)), 40,
                Duration.ofMinutes(2), 16, Duration.ofMinutes(5), false, false, null, false, references);
    }

    private static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent().getParent();
    }

    private static RunSummary run(LocalOptions options) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            try {
                RunSummary summary = new LocalRun(options, out).run();
                assertThat(printed.toString(StandardCharsets.UTF_8)).contains("pages done 1 / 1");
                return summary;
            } finally {
                System.out.print(printed.toString(StandardCharsets.UTF_8));
            }
        }
    }
}
