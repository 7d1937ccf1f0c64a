package dev.colorize.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.support.Pages;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A page already in color is passed through unchanged (SKIPPED, its uploaded bytes under the chapter's results)
 * unless its job forces coloring; line art beside it is colored; a webtoon strip is colored at its own size.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class ColorPagesAndStripsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    TestStack stack;

    /** A color cover: flat colored shapes with black outlines on white, as a JPEG. */
    private static byte[] colorCover(int width, int height) {
        Mat page = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.rectangle(page, new Point(10, 10), new Point(width - 10, height / 3.0), new Scalar(200, 120, 40), -1);
        Imgproc.circle(page, new Point(width / 2.0, height * 0.6), width / 4, new Scalar(40, 60, 220), -1);
        Imgproc.circle(page, new Point(width / 2.0, height * 0.6), width / 4, new Scalar(0, 0, 0), 3);
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", page, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
        return jpeg.toArray();
    }

    @Test
    void aColorPageIsPassedThroughUnchangedUnlessForcedWhileLineArtIsColored() throws Exception {
        int version = stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        byte[] cover = colorCover(160, 220);
        String coverKey = pages.upload(chapter, 1, cover);
        pages.send(Topics.JOBS, pages.job(chapter, 1, coverKey, OutputFormat.PNG, null));
        pages.send(Topics.JOBS, pages.job(chapter, 2, coverKey, OutputFormat.PNG, null).withForceColor(true));
        pages.send(Topics.JOBS, pages.job(chapter, 3, pages.upload(chapter, 3, Pages.lineArt(120, 160)),
                OutputFormat.PNG, null));

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 3, WAIT));

        PageResult skipped = results.get(1);
        assertThat(skipped.state()).isEqualTo(PageState.SKIPPED);
        assertThat(skipped.outputs().colored()).isEqualTo(String.format("results/%s/%s/0001-original.jpg", pages.publisher,
                chapter));
        assertThat(skipped.modelVersion()).isNull();
        assertThat(skipped.error()).isNull();
        assertThat(stack.store.get(skipped.outputs().colored())).as("the uploaded bytes, unchanged").isEqualTo(cover);

        PageResult forced = results.get(2);
        assertThat(forced.state()).isEqualTo(PageState.DONE);
        assertThat(forced.modelVersion()).isEqualTo(version);
        assertThat(forced.outputs().colored()).endsWith(String.format("/0002-v%d.png", version));
        assertThat(stack.store.get(forced.outputs().colored())).isNotEqualTo(cover);

        assertThat(results.get(3).state()).isEqualTo(PageState.DONE);
        assertThat(results.get(3).modelVersion()).isEqualTo(version);
    }

    @Test
    void aWebtoonStripIsColoredAtItsOwnSize() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        PageJob strip = pages.enqueue(Topics.JOBS, chapter, 1, 800, 12_000);

        PageResult result = pages.awaitResults(chapter, 1, WAIT).get(0);

        assertThat(result.state()).isEqualTo(PageState.DONE);
        assertThat(result.pageNumber()).isEqualTo(strip.pageNumber());
        Mat colored = ImageCodec.decodeBgr(stack.store.get(result.outputs().colored()));
        assertThat(colored.cols()).isEqualTo(800);
        assertThat(colored.rows()).isEqualTo(12_000);
    }

    @Test
    void aPageLongerThanTheAspectLimitFailsAloneFromItsHeader() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        pages.enqueue(Topics.JOBS, chapter, 1, 4, 1000); // 1:250: its tiles would grow with the aspect, not the pixels
        pages.enqueue(Topics.JOBS, chapter, 2, 40, 600);

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 2, WAIT));

        assertThat(results.get(1).state()).isEqualTo(PageState.FAILED);
        assertThat(results.get(1).error()).contains("4x1000").contains("more than 200 times longer than wide");
        assertThat(results.get(2).state()).as("error %s", results.get(2).error()).isEqualTo(PageState.DONE);
    }
}
