package dev.colorize.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.colorize.ml.testing.TinyModels;
import dev.colorize.ml.data.ImageCodec;
import dev.colorize.worker.support.Pages;
import dev.colorize.worker.support.TinyModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

class ColorizeCommandTest {

    @TempDir
    static Path dir;
    static Path model;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void tinyModel() throws Exception {
        model = TinyModel.folder(TinyModels.spec(), dir);
    }

    private int colorize(String... args) {
        return ColorizeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void colorsOneFileAtItsOwnSizeInTheFormatItsNameAsksFor() throws Exception {
        Path in = Files.write(dir.resolve("page.png"), Pages.lineArt(150, 97));
        Path outFile = dir.resolve("page-colored.jpg");

        assertThat(colorize("--model", model.toString(), in.toString(), outFile.toString())).isZero();

        byte[] written = Files.readAllBytes(outFile);
        assertThat(written[0]).isEqualTo((byte) 0xFF); // JPEG
        Mat colored = ImageCodec.decodeBgr(written);
        assertThat(colored.cols()).isEqualTo(150);
        assertThat(colored.rows()).isEqualTo(97);
        assertThat(colored.channels()).isEqualTo(3);
    }

    @Test
    void colorsAFolderAndNamesTheFilesItCouldNotColor() throws Exception {
        Path in = Files.createDirectories(dir.resolve("sketches"));
        Files.write(in.resolve("001.png"), Pages.lineArt(64, 80));
        Files.write(in.resolve("002.png"), new byte[] {1, 2, 3});
        Files.write(in.resolve("003.png"), Pages.lineArt(120, 40));
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Path outFolder = dir.resolve("colored");

        assertThat(colorize("--model", model.toString(), "--batch", "2", in.toString(), outFolder.toString())).isEqualTo(1);

        assertThat(ImageCodec.decodeBgr(Files.readAllBytes(outFolder.resolve("001.png"))).cols()).isEqualTo(64);
        assertThat(ImageCodec.decodeBgr(Files.readAllBytes(outFolder.resolve("003.png"))).rows()).isEqualTo(40);
        assertThat(outFolder.resolve("002.png")).doesNotExist();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("002.png: not a decodable image");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 of 3 pages colored");
    }

    /** A ring of ink on white: its inside is one small closed region. */
    private static Mat ring() {
        Mat page = new Mat(300, 400, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.circle(page, new Point(200, 150), 30, new Scalar(0, 0, 0), 3);
        return page;
    }

    private static Path hint(String name, Scalar bgr) throws Exception {
        Mat hints = Mat.zeros(300, 400, CvType.CV_8UC4);
        Imgproc.circle(hints, new Point(200, 150), 3, new Scalar(bgr.val[0], bgr.val[1], bgr.val[2], 255), -1);
        return Files.write(dir.resolve(name), ImageCodec.encodePng(hints));
    }

    @Test
    void aHintedRegionTakesTheHintsColorAndTheFlatsLayerIsWrittenOnRequest() throws Exception {
        Path in = Files.write(dir.resolve("ring.png"), ImageCodec.encodePng(ring()));
        Scalar red = new Scalar(40, 40, 220);
        Scalar blue = new Scalar(220, 90, 30);
        for (Scalar color : List.of(red, blue)) {
            Path outFile = dir.resolve("ring-" + (int) color.val[0] + ".png");
            assertThat(colorize("--model", model.toString(), "--hints", hint("hint.png", color).toString(), "--flats",
                    in.toString(), outFile.toString())).isZero();
            double[] inside = ImageCodec.decodeBgr(Files.readAllBytes(outFile)).get(160, 190);
            for (int c = 0; c < 3; c++) {
                assertThat(inside[c]).as("channel %d inside the ring", c).isCloseTo(color.val[c], within(2.0));
            }
            assertThat(dir.resolve("ring-" + (int) color.val[0] + ".flats.png")).exists();
        }
    }

    @Test
    void hintsWithoutTransparencyAreRefusedByName() throws Exception {
        Path in = Files.write(dir.resolve("ring2.png"), ImageCodec.encodePng(ring()));
        Path opaque = Files.write(dir.resolve("opaque.png"), ImageCodec.encodePng(ring()));
        assertThat(colorize("--model", model.toString(), "--hints", opaque.toString(), in.toString(),
                dir.resolve("ring2-out.png").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ring2.png").contains("alpha channel");
    }

    @Test
    void wrongUsageSaysHowToUseIt() {
        assertThat(colorize("in.png", "out.png")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: colorize --model");
    }
}
