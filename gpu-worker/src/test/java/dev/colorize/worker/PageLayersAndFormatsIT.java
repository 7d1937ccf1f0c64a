package dev.colorize.worker;

import dev.colorize.platform.coloring.PageFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.testing.OpenRasterFile;
import dev.colorize.ml.testing.PhotoshopFile;
import dev.colorize.platform.image.ImageHeader;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.support.Pages;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class PageLayersAndFormatsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TestStack stack;

    @Test
    void layersAnOpenRasterAndAPhotoshopFileAreWrittenBesideTheColoredPageAtThePageSizeWhenAsked() throws Exception {
        int version = stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        PageJob both = pages.job(chapter, 1, pages.upload(chapter, 1, Pages.lineArt(150, 110)), OutputFormat.JPEG, null)
                .withOutputs(Set.of(PageOutput.LAYERS, PageOutput.ORA, PageOutput.PSD), null);
        PageJob oraOnly = pages.job(chapter, 2, pages.upload(chapter, 2, Pages.lineArt(96, 130)), OutputFormat.PNG, null)
                .withOutputs(Set.of(PageOutput.ORA), null);
        pages.send(Topics.JOBS, both);
        pages.send(Topics.JOBS, oraOnly);
        pages.enqueue(Topics.JOBS, chapter, 3, 64, 64);

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 3, WAIT));

        PageResult first = results.get(1);
        assertThat(first.state()).isEqualTo(PageState.DONE);
        String base = String.format("results/%s/%s/0001-v%d.", pages.publisher, chapter, version);
        assertThat(first.outputs().colored()).isEqualTo(base + "jpg");
        assertThat(first.outputs().get(PageFile.FLATS)).isEqualTo(base + "flats.png");
        assertThat(first.outputs().get(PageFile.LINES)).isEqualTo(base + "lines.png");
        assertThat(first.outputs().get(PageFile.ORA)).isEqualTo(base + "ora");
        Mat flats = ImageCodec.decodeBgr(stack.store.get(first.outputs().get(PageFile.FLATS)));
        assertThat(flats.cols()).isEqualTo(150);
        assertThat(flats.rows()).isEqualTo(110);
        Mat lines = ImageCodec.decodeBgra(stack.store.get(first.outputs().get(PageFile.LINES)));
        assertThat(lines.cols()).isEqualTo(150);
        assertThat(lines.rows()).isEqualTo(110);
        assertThat(lines.get(0, 0)[3]).as("paper is transparent in the line layer").isZero();

        OpenRasterFile ora = OpenRasterFile.read(stack.store.get(first.outputs().get(PageFile.ORA)));
        assertThat(ora.entryNames().get(0)).isEqualTo("mimetype");
        assertThat(new String(ora.entries().get("mimetype"), StandardCharsets.US_ASCII)).isEqualTo("image/openraster");
        assertThat(ora.width()).isEqualTo(150);
        assertThat(ora.height()).isEqualTo(110);
        assertThat(ora.layers()).extracting(OpenRasterFile.StackLayer::name).containsExactly("lines", "flats");
        assertThat(ora.layers().get(0).compositeOp()).isEqualTo("svg:multiply");
        assertThat(ora.entries().get("data/flats.png")).isEqualTo(stack.store.get(first.outputs().get(PageFile.FLATS)));
        assertThat(ImageCodec.decodeBgr(ora.entries().get("mergedimage.png")).size()).isEqualTo(flats.size());

        assertThat(first.outputs().get(PageFile.PSD)).isEqualTo(base + "psd");
        PhotoshopFile psd = PhotoshopFile.read(stack.store.get(first.outputs().get(PageFile.PSD)));
        assertThat(psd.layers()).extracting(PhotoshopFile.Layer::name).as("bottom first").containsExactly("flats", "lines");
        assertThat(psd.layers()).extracting(PhotoshopFile.Layer::blendMode).containsExactly("norm", "mul ");
        assertThat(psd.merged().getWidth()).isEqualTo(150);
        assertThat(psd.merged().getHeight()).isEqualTo(110);
        double[] flat = flats.get(55, 75);
        assertThat(psd.layers().get(0).pixels().getRGB(75, 55) & 0xffffff).as("the flats layer's pixels")
                .isEqualTo((int) flat[2] << 16 | (int) flat[1] << 8 | (int) flat[0]);

        PageResult second = results.get(2);
        assertThat(second.outputs().get(PageFile.FLATS)).isNull();
        assertThat(second.outputs().get(PageFile.LINES)).isNull();
        assertThat(second.outputs().get(PageFile.PSD)).isNull();
        OpenRasterFile pngOra = OpenRasterFile.read(stack.store.get(second.outputs().get(PageFile.ORA)));
        assertThat(pngOra.width()).isEqualTo(96);
        assertThat(pngOra.height()).isEqualTo(130);
        assertThat(pngOra.entries().get("mergedimage.png")).as("the PNG page is the merged image")
                .isEqualTo(stack.store.get(second.outputs().colored()));

        PageResult plain = results.get(3);
        assertThat(plain.state()).isEqualTo(PageState.DONE);
        assertThat(plain.outputs().get(PageFile.FLATS)).isNull();
        assertThat(plain.outputs().get(PageFile.ORA)).isNull();
    }

    @Test
    void aPrintSizePageIsColoredWithItsLayersAtItsOwnResolution() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        pages.send(Topics.JOBS, pages.job(chapter, 1, pages.upload(chapter, 1, Pages.lineArt(3500, 5000)),
                OutputFormat.PNG, null).withOutputs(Set.of(PageOutput.LAYERS, PageOutput.ORA), null));

        PageResult result = pages.awaitResults(chapter, 1, WAIT).get(0);

        assertThat(result.state()).as("error %s", result.error()).isEqualTo(PageState.DONE);
        for (String key : List.of(result.outputs().colored(), result.outputs().get(PageFile.FLATS), result.outputs().get(PageFile.LINES))) {
            ImageHeader header = ImageHeader.read(stack.store.get(key));
            assertThat(header.width()).as(key).isEqualTo(3500);
            assertThat(header.height()).as(key).isEqualTo(5000);
        }
        assertThat(ImageHeader.read(stack.store.get(result.outputs().get(PageFile.LINES))).channels()).as("lines on transparency").isEqualTo(4);
        OpenRasterFile ora = OpenRasterFile.read(stack.store.get(result.outputs().get(PageFile.ORA)));
        assertThat(ora.width()).isEqualTo(3500);
        assertThat(ora.height()).isEqualTo(5000);
    }

    @Test
    void webpAndJpegPagesAreWrittenAtTheQualityTheJobAsks() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        byte[] sketch = Pages.lineArt(160, 120);
        pages.send(Topics.JOBS, pages.job(chapter, 1, pages.upload(chapter, 1, sketch), OutputFormat.WEBP, null)
                .withOutputs(null, 90));
        pages.send(Topics.JOBS, pages.job(chapter, 2, pages.upload(chapter, 2, sketch), OutputFormat.JPEG, null)
                .withOutputs(null, 100));
        pages.send(Topics.JOBS, pages.job(chapter, 3, pages.upload(chapter, 3, sketch), OutputFormat.JPEG, null)
                .withOutputs(null, 5));

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 3, WAIT));

        byte[] webp = stack.store.get(results.get(1).outputs().colored());
        assertThat(results.get(1).outputs().colored()).endsWith(".webp");
        assertThat(new String(webp, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(webp, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        assertThat(ImageCodec.decodeBgr(webp).cols()).isEqualTo(160);
        int best = stack.store.get(results.get(2).outputs().colored()).length;
        int worst = stack.store.get(results.get(3).outputs().colored()).length;
        assertThat(worst).as("quality 5 against 100").isLessThan(best / 2);
    }
}
