package dev.colorize.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.platform.hints.ColorHints;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.support.Pages;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * A job's hints reach the model and the flat fill: a closed region under a hint dot comes out in the hint's color,
 * whether the hints are points (JSON) or a hint image; a hinted page already in color is colored, not passed
 * through; a recolor's revision gets its own result key; hints that cannot be read fail the page with the reason.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class HintedPagesIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int SIZE = 200;
    private static final int CENTER = SIZE / 2;

    @Inject
    TestStack stack;

    /** A small closed circle (well under 5% of the page, so a hint may fill it) on white. */
    private static byte[] circlePage(Scalar fill) {
        Mat page = new Mat(SIZE, SIZE, CvType.CV_8UC3, new Scalar(255, 255, 255));
        if (fill != null) {
            Imgproc.rectangle(page, new Point(0, 0), new Point(SIZE, 40), fill, -1);
        }
        Imgproc.circle(page, new Point(CENTER, CENTER), 20, new Scalar(0, 0, 0), 2);
        return ImageCodec.encodePng(page);
    }

    private String putHints(UUID chapter, int page, String extension, byte[] content) {
        String key = ObjectKeys.hints(stack.pages.publisher, chapter, page, 0, extension);
        stack.store.put(key, content, extension.equals("json") ? "application/json" : "image/png");
        return key;
    }

    @Test
    void aClosedRegionUnderAHintComesOutInTheHintsColorFromPointsOrAHintImage() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        byte[] red = ColorHints.of(List.of(new ColorHints.Point(CENTER, CENTER, "#e02020", 4)))
                .toJson().getBytes(StandardCharsets.UTF_8);
        Mat dots = Mat.zeros(SIZE / 2, SIZE / 2, CvType.CV_8UC4); // half the page's size: the same aspect
        Imgproc.circle(dots, new Point(CENTER / 2.0, CENTER / 2.0), 2, new Scalar(220, 30, 30, 255), -1);
        pages.send(Topics.JOBS, pages.job(chapter, 1, pages.upload(chapter, 1, circlePage(null)), OutputFormat.PNG, null)
                .withHints(putHints(chapter, 1, "json", red), 0));
        pages.send(Topics.JOBS, pages.job(chapter, 2, pages.upload(chapter, 2, circlePage(null)), OutputFormat.PNG, null)
                .withHints(putHints(chapter, 2, "png", ImageCodec.encodePng(dots)), 0));

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 2, WAIT));

        assertThat(results.get(1).state()).as("error %s", results.get(1).error()).isEqualTo(PageState.DONE);
        assertThat(results.get(2).state()).as("error %s", results.get(2).error()).isEqualTo(PageState.DONE);
        assertNear(bgrAtCenter(results.get(1)), "inside the circle hinted red", 0x20, 0x20, 0xe0);
        assertNear(bgrAtCenter(results.get(2)), "inside the circle hinted blue", 220, 30, 30);
    }

    @Test
    void aHintedPageAlreadyInColorIsColoredAndARecolorRevisionHasItsOwnResult() throws Exception {
        int version = stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        byte[] green = ColorHints.of(List.of(new ColorHints.Point(CENTER, CENTER, "#20c020", 3)))
                .toJson().getBytes(StandardCharsets.UTF_8);
        String hints = putHints(chapter, 1, "json", green);
        PageJob colorPage = pages.job(chapter, 1, pages.upload(chapter, 1, circlePage(new Scalar(40, 60, 220))),
                OutputFormat.PNG, null);
        pages.send(Topics.JOBS, colorPage.withHints(hints, 0));
        pages.send(Topics.JOBS, colorPage.withHints(hints, 2));

        List<PageResult> results = pages.awaitResults(chapter, 2, WAIT);

        assertThat(results).extracting(PageResult::state).containsOnly(PageState.DONE);
        assertThat(results).extracting((PageResult r) -> r.page().revision()).containsExactlyInAnyOrder(0, 2);
        PageResult revised = results.stream().filter(r -> r.page().revision() == 2).findFirst().orElseThrow();
        assertThat(revised.outputs().colored())
                .isEqualTo(ObjectKeys.result(pages.publisher, chapter, 1, 2, version, "png"))
                .contains("0001-r2-v" + version);
        assertNear(bgrAtCenter(revised), "inside the circle hinted green", 0x20, 0xc0, 0x20);
    }

    @Test
    void hintsThatCannotBeReadFailThePageSayingSo() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        pages.send(Topics.JOBS, pages.job(chapter, 1, pages.upload(chapter, 1, circlePage(null)), OutputFormat.PNG, null)
                .withHints(putHints(chapter, 1, "png", Pages.lineArt(SIZE, SIZE)), 0)); // no alpha channel
        pages.send(Topics.JOBS, pages.job(chapter, 2, pages.upload(chapter, 2, circlePage(null)), OutputFormat.PNG, null)
                .withHints(ObjectKeys.hints(pages.publisher, chapter, 2, 0, "json"), 0)); // never stored

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 2, WAIT));

        assertThat(results.get(1).state()).isEqualTo(PageState.FAILED);
        assertThat(results.get(1).error()).contains("page 1: hints cannot be used").contains("alpha");
        assertThat(results.get(2).state()).isEqualTo(PageState.FAILED);
        assertThat(results.get(2).error()).startsWith("page 2: hints sketches/").contains("0002.hints.json cannot be read");
    }

    @Test
    void aHintImageOfMoreBitsOrPixelsThanItsPageFailsThatPageAloneFromItsHeader() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        Mat deep = new Mat(SIZE, SIZE, CvType.CV_16UC4, Scalar.all(0)); // 16 bits per channel: twice the memory
        Mat large = Mat.zeros(2 * SIZE, 2 * SIZE, CvType.CV_8UC4); // the page's aspect, four times its pixels
        byte[] red = ColorHints.of(List.of(new ColorHints.Point(CENTER, CENTER, "#e02020", 4)))
                .toJson().getBytes(StandardCharsets.UTF_8);
        pages.send(Topics.JOBS, pages.job(chapter, 1, pages.upload(chapter, 1, circlePage(null)), OutputFormat.PNG, null)
                .withHints(putHints(chapter, 1, "png", ImageCodec.encodePng(deep)), 0));
        pages.send(Topics.JOBS, pages.job(chapter, 2, pages.upload(chapter, 2, circlePage(null)), OutputFormat.PNG, null)
                .withHints(putHints(chapter, 2, "png", ImageCodec.encodePng(large)), 0));
        pages.send(Topics.JOBS, pages.job(chapter, 3, pages.upload(chapter, 3, circlePage(null)), OutputFormat.PNG, null)
                .withHints(putHints(chapter, 3, "json", red), 0));

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 3, WAIT));

        assertThat(results.get(1).state()).isEqualTo(PageState.FAILED);
        assertThat(results.get(1).error()).contains("page 1: hints").contains("16 bits per channel");
        assertThat(results.get(2).state()).isEqualTo(PageState.FAILED);
        assertThat(results.get(2).error()).contains("page 2: hints").contains("400x400")
                .contains("more pixels than the page (200x200)");
        assertThat(results.get(3).state()).as("error %s", results.get(3).error()).isEqualTo(PageState.DONE);
    }

    /** Within 40 levels per channel: compositing under the lines may shade the fill a little, never change its hue. */
    private static void assertNear(int[] bgr, String what, int b, int g, int r) {
        assertThat(bgr[0]).as(what + " (blue of %s)", Arrays.toString(bgr)).isBetween(b - 40, b + 40);
        assertThat(bgr[1]).as(what + " (green of %s)", Arrays.toString(bgr)).isBetween(g - 40, g + 40);
        assertThat(bgr[2]).as(what + " (red of %s)", Arrays.toString(bgr)).isBetween(r - 40, r + 40);
    }

    private int[] bgrAtCenter(PageResult result) {
        Mat colored = ImageCodec.decodeBgr(stack.store.get(result.outputs().colored()));
        double[] bgr = colored.get(CENTER, CENTER);
        return new int[] {(int) bgr[0], (int) bgr[1], (int) bgr[2]};
    }
}
