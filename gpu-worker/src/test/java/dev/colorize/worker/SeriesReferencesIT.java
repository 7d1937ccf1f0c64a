package dev.colorize.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.testing.ReferenceFigures;
import dev.colorize.ml.testing.TinyModels;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.platform.coloring.SeriesReference;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.support.Pages;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * A job's series references reach the flats: a figure of the colored reference, drawn again at another place and size
 * on the page, comes out in the reference's colors, and the result says how many regions followed; a reference that
 * cannot be read is left out and the page is still colored.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class SeriesReferencesIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Scalar SKIN = ReferenceFigures.SKIN;
    private static final Scalar COAT = ReferenceFigures.COAT;

    @Inject
    TestStack stack;

    /** A tiny model trained a few seeded steps, pinned by these jobs: a random one would read the figures anew each run. */
    private static Integer trainedVersion;

    private int trainedVersion() throws Exception {
        if (trainedVersion == null) {
            Path dir = Files.createTempDirectory("trained");
            Path zip = dir.resolve("model.zip");
            ModelArtifact.zip(TinyModels.trainedArtifact(dir, 5, 4), zip);
            trainedVersion = stack.registry.register(Files.readAllBytes(zip)).version();
        }
        return trainedVersion;
    }

    private static byte[] figure(double cx, double top, double scale, double coatHeight, boolean colored) {
        return ImageCodec.encodePng(ReferenceFigures.figure(256, 256, cx, top, scale, coatHeight, colored));
    }

    private SeriesReference storeReference(boolean withLines) {
        UUID id = UUID.randomUUID();
        String colored = ObjectKeys.seriesReference(stack.pages.publisher, "aiko", id, "colored", "png");
        stack.store.put(colored, figure(90, 40, 1.4, 80, true), "image/png");
        String lines = null;
        if (withLines) {
            lines = ObjectKeys.seriesReference(stack.pages.publisher, "aiko", id, "lines", "png");
            stack.store.put(lines, figure(90, 40, 1.4, 80, false), "image/png");
        }
        return new SeriesReference(id, colored, lines);
    }

    private static void assertNear(double[] bgr, Scalar expected, String what) {
        for (int c = 0; c < 3; c++) {
            assertThat(bgr[c]).as(what + " channel " + c).isCloseTo(expected.val[c], org.assertj.core.data.Offset.offset(14.0));
        }
    }

    private double[] pixel(PageResult result, int x, int y) {
        Mat colored = ImageCodec.decodeBgr(stack.store.get(result.outputs().colored()));
        return colored.get(y, x);
    }

    @Test
    void aRedrawnFigureComesOutInTheReferencesColorsAndTheResultCountsTheRegionsThatFollowed() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        PageJob job = pages.job(chapter, 1, pages.upload(chapter, 1, figure(160, 70, 1.0, 60, false)), OutputFormat.PNG,
                trainedVersion());
        pages.send(Topics.JOBS, job.withRequest(job.request().withReferences(List.of(storeReference(true)))));
        PageJob unreferenced = pages.job(chapter, 2, pages.upload(chapter, 2, figure(160, 70, 1.0, 60, false)),
                OutputFormat.PNG, trainedVersion());
        pages.send(Topics.JOBS, unreferenced);

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 2, WAIT));

        PageResult followed = results.get(1);
        assertThat(followed.state()).as("error %s", followed.error()).isEqualTo(PageState.DONE);
        assertNear(pixel(followed, 160, 92), SKIN, "the head");
        assertNear(pixel(followed, 160, 150), COAT, "the coat");
        assertThat(followed.referenceUse().followed()).isEqualTo(2);
        assertThat(followed.referenceUse().regions()).isGreaterThanOrEqualTo(2);
        assertThat(results.get(2).state()).isEqualTo(PageState.DONE);
        assertThat(results.get(2).referenceUse()).as("a job without references reports none").isNull();
    }

    @Test
    void aReferenceThatCannotBeReadIsLeftOutAndThePageIsStillColored() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        SeriesReference gone = new SeriesReference(UUID.randomUUID(),
                ObjectKeys.seriesReference(pages.publisher, "aiko", UUID.randomUUID(), "colored", "png"), null);
        PageJob job = pages.job(chapter, 1, pages.upload(chapter, 1, figure(160, 70, 1.0, 60, false)), OutputFormat.PNG,
                trainedVersion());
        pages.send(Topics.JOBS, job.withRequest(job.request().withReferences(List.of(gone, storeReference(false)))));

        PageResult result = pages.awaitResults(chapter, 1, WAIT).get(0);

        assertThat(result.state()).as("error %s", result.error()).isEqualTo(PageState.DONE);
        assertThat(result.referenceUse().followed()).as("the readable reference, extracted from its ink, is followed")
                .isEqualTo(2);
        assertNear(pixel(result, 160, 92), SKIN, "the head");
    }
}
