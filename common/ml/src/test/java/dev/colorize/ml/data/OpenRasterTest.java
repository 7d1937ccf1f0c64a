package dev.colorize.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.infer.LineLayer;
import dev.colorize.ml.testing.OpenRasterFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class OpenRasterTest {

    @BeforeAll
    static void openCv() {
        OpenCvNative.ensureLoaded();
    }

    @Test
    void anOraHoldsTheMimetypeFirstAndUncompressedThenTheLayersTopFirstAtTheImageSize() throws Exception {
        Mat page = new Mat(300, 500, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.line(page, new Point(10, 10), new Point(400, 250), new Scalar(0, 0, 0), 3);
        Mat flats = new Mat(300, 500, CvType.CV_8UC3, new Scalar(40, 180, 220));
        Mat lines = LineLayer.of(page);
        Mat merged = LineLayer.over(lines, flats);

        byte[] ora = OpenRaster.write(List.of(new OpenRaster.Layer("lines", ImageCodec.encodePng(lines), true),
                new OpenRaster.Layer("flats", ImageCodec.encodePng(flats), false)), merged, null);
        OpenRasterFile file = OpenRasterFile.read(ora);

        assertThat(file.entryNames().get(0)).isEqualTo("mimetype");
        assertThat(file.firstEntryStored()).isTrue();
        assertThat(new String(file.entries().get("mimetype"), StandardCharsets.US_ASCII)).isEqualTo("image/openraster");
        assertThat(file.entryNames()).contains("stack.xml", "data/lines.png", "data/flats.png", "mergedimage.png",
                "Thumbnails/thumbnail.png");
        assertThat(file.width()).isEqualTo(500);
        assertThat(file.height()).isEqualTo(300);
        assertThat(file.layers()).extracting(OpenRasterFile.StackLayer::name).containsExactly("lines", "flats");
        assertThat(file.layers().get(0).compositeOp()).isEqualTo("svg:multiply");
        assertThat(file.layers().get(1).compositeOp()).isEqualTo("svg:src-over");

        Mat readLines = ImageCodec.decodeBgra(file.entries().get("data/lines.png"));
        assertThat(readLines.channels()).isEqualTo(4);
        assertThat(readLines.size()).isEqualTo(page.size());
        assertThat(ImageCodec.decodeBgr(file.entries().get("data/flats.png")).size()).isEqualTo(page.size());
        assertThat(ImageCodec.decodeBgr(file.entries().get("mergedimage.png")).size()).isEqualTo(page.size());
        Mat thumbnail = ImageCodec.decodeBgr(file.entries().get("Thumbnails/thumbnail.png"));
        assertThat(thumbnail.cols()).isEqualTo(256);
        assertThat(thumbnail.rows()).isEqualTo(154);
    }

    @Test
    void theLineLayerIsBlackWhoseOpacityIsTheInkSoOverTheFlatsItGivesTheMultipliedPage() {
        Mat page = new Mat(40, 60, CvType.CV_8UC3, new Scalar(255, 255, 255));
        page.submat(0, 40, 0, 20).setTo(new Scalar(0, 0, 0));
        page.submat(0, 40, 20, 40).setTo(new Scalar(128, 128, 128));
        Mat flats = new Mat(40, 60, CvType.CV_8UC3, new Scalar(40, 180, 220));

        Mat lines = LineLayer.of(page);

        assertThat(lines.get(5, 5)).containsExactly(0, 0, 0, 255);
        assertThat(lines.get(5, 25)).containsExactly(0, 0, 0, 127);
        assertThat(lines.get(5, 50)).containsExactly(0, 0, 0, 0);
        Mat multiplied = new Mat();
        Core.multiply(flats, page, multiplied, 1 / 255.0);
        Mat diff = new Mat();
        Core.absdiff(LineLayer.over(lines, flats), multiplied, diff);
        assertThat(Core.minMaxLoc(diff.reshape(1)).maxVal).isLessThanOrEqualTo(1.0);
    }
}
