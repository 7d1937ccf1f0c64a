package dev.colorize.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.data.UndecodableImageException;
import dev.colorize.platform.hints.ColorHints;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.platform.image.ImageHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class PageHintsTest {

    @BeforeAll
    static void openCv() {
        OpenCvNative.ensureLoaded();
    }

    @Test
    void theInFlightBudgetCountsAHintImageByItsHeaderAndPointsByTheirPage() {
        ImageHeader page = new ImageHeader(ImageFormat.PNG, 80, 60, 8, 3);

        assertThat(PageHints.pixels("sketches/p/c/0001.hints.json", new byte[0], page)).isEqualTo(80 * 60);
        assertThat(PageHints.pixels("sketches/p/c/0001.hints.png",
                ImageCodec.encodePng(Mat.zeros(30, 40, CvType.CV_8UC4)), page)).isEqualTo(40 * 30);
        assertThatThrownBy(() -> PageHints.pixels("sketches/p/c/0001.hints.png",
                ImageCodec.encodePng(Mat.zeros(61, 81, CvType.CV_8UC4)), page))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("81x61, more pixels than the page (80x60)");
        assertThatThrownBy(() -> PageHints.pixels("sketches/p/c/0001.hints.png",
                ImageCodec.encodePng(Mat.zeros(60, 80, CvType.CV_16UC4)), page))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bits per channel");
    }

    @Test
    void pointsAreDrawnAsOpaqueDotsOfTheirColorAtThePagesSizeOnTransparent() {
        Mat page = new Mat(60, 80, CvType.CV_8UC3, new Scalar(255, 255, 255));
        byte[] json = ColorHints.of(List.of(new ColorHints.Point(20, 30, "#d03010", 3), new ColorHints.Point(70, 5, "#0000ff", 1)))
                .toJson().getBytes(StandardCharsets.UTF_8);

        Mat hints = PageHints.decode("sketches/p/c/0001.hints.json", json, page);

        assertThat(hints.type()).isEqualTo(CvType.CV_8UC4);
        assertThat(hints.size()).isEqualTo(page.size());
        assertThat(hints.get(30, 20)).containsExactly(0x10, 0x30, 0xd0, 255); // BGRA
        assertThat(hints.get(30, 23)).as("within the radius").containsExactly(0x10, 0x30, 0xd0, 255);
        assertThat(hints.get(30, 25)[3]).as("beyond the radius").isZero();
        assertThat(hints.get(5, 70)).containsExactly(255, 0, 0, 255);
        assertThat(hints.get(50, 50)[3]).isZero();
    }

    @Test
    void aHintImageIsTakenAsUploadedAndUnreadableHintsSaySo() {
        Mat page = new Mat(60, 80, CvType.CV_8UC3);
        Mat dots = Mat.zeros(30, 40, CvType.CV_8UC4);
        dots.put(10, 10, 1, 2, 3, 255);

        Mat read = PageHints.decode("k.hints.png", ImageCodec.encodePng(dots), page);

        assertThat(read.size()).as("the colorizer scales it").isEqualTo(dots.size());
        assertThat(read.get(10, 10)).containsExactly(1, 2, 3, 255);
        assertThatThrownBy(() -> PageHints.decode("k.hints.json", "{\"schemaVersion\":9}".getBytes(StandardCharsets.UTF_8), page))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> PageHints.decode("k.hints.png", new byte[] {1, 2}, page))
                .isInstanceOf(UndecodableImageException.class);
    }
}
