package dev.colorize.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.colorize.ingest.config.IngestConfigs;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.rest.ApiProblem;
import dev.colorize.platform.errors.Refused;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page checks read from a file in steps, as they run on every uploaded page. */
class PageInspectorTest {

    private final PageInspector inspector = new PageInspector(new PageLimits(IngestConfigs.of(Map.of())));

    @TempDir
    Path folder;

    @Test
    void aPngAndAJpegPassWithTheirDimensions() throws IOException {
        InspectedPage png = inspector.inspect(1, source(image("png", 40, 30)));
        InspectedPage jpeg = inspector.inspect(2, source(image("jpg", 20, 50)));
        assertThat(png.format()).isEqualTo(ImageFormat.PNG);
        assertThat(png.width()).isEqualTo(40);
        assertThat(jpeg.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(jpeg.height()).isEqualTo(50);
    }

    @Test
    void aJpegCutOffInItsScanIsCorrupt() throws IOException {
        byte[] jpeg = image("jpg", 64, 64);
        assertThat(refused(Arrays.copyOf(jpeg, jpeg.length - 100)).type()).endsWith("/corrupt-image");
    }

    @Test
    void aPngWithADamagedChunkIsCorrupt() throws IOException {
        byte[] png = image("png", 64, 64);
        png[png.length / 2] ^= 0x5a;
        assertThat(refused(png).type()).endsWith("/corrupt-image");
    }

    @Test
    void aWebpIsCheckedAgainstItsRiffLength() throws IOException {
        assertThat(inspector.inspect(1, source(webp(24, 24))).width()).isEqualTo(25);
        byte[] longer = webp(100, 24);
        assertThat(refused(longer).type()).endsWith("/corrupt-image");
    }

    @Test
    void bytesAfterAnImagesEndAreNeitherCountedNorKept() throws IOException {
        byte[] trailer = new byte[4096]; // a polyglot's second file: HTML, a zip, a script
        Arrays.fill(trailer, (byte) 0xff); // 0xff: a JPEG scan's markers start so, the scan must still end at EOI
        byte[] html = "<html><script>alert(1)</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(html, 0, trailer, 100, html.length);
        byte[] webp = webp(24, 24);
        Map<byte[], byte[]> imageAndItsBytes = Map.of(image("png", 40, 30), image("png", 40, 30),
                image("jpg", 40, 30), image("jpg", 40, 30), webp, Arrays.copyOf(webp, 32)); // its RIFF says 32 bytes
        for (Map.Entry<byte[], byte[]> e : imageAndItsBytes.entrySet()) {
            byte[] image = e.getKey();
            byte[] expected = e.getValue();
            byte[] polyglot = Arrays.copyOf(image, image.length + trailer.length);
            System.arraycopy(trailer, 0, polyglot, image.length, trailer.length);

            PageSource source = source(polyglot);
            InspectedPage page = inspector.inspect(1, source);

            assertThat(page.size()).isEqualTo(expected.length);
            assertThat(Files.readAllBytes(page.file())).as("%s as stored", page.format()).isEqualTo(expected);
        }
    }

    @Test
    void aJpegWhoseScanNeverEndsIsCorrupt() throws IOException {
        byte[] jpeg = image("jpg", 64, 64);
        byte[] noEoi = Arrays.copyOf(jpeg, jpeg.length - 2);
        assertThat(refused(noEoi).type()).endsWith("/corrupt-image");
    }

    @Test
    void aPageLargerThanItsPixelsCanTakeIsRefusedNamingTheDerivedLimit() throws IOException {
        // a 4x4 gray PNG decodes to 16 bytes: it may have 2 x 16 + 1 MiB, here followed by 2 MiB of padding
        byte[] png = image("png", 4, 4);
        byte[] padded = Arrays.copyOf(png, png.length + (2 << 20));
        ApiProblem problem = refused(padded);
        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).endsWith("/page-too-large");
        assertThat(problem.detail()).contains("what a 4x4 PNG may take");
    }

    @Test
    void aPageLongerThanTheAspectLimitIsRefusedNamingThePageWhileAWebtoonStripPasses() throws IOException {
        // 1e8 pixels as 100x1,000,000 took a worker to 22 GB: tiling memory grows with the aspect, not the pixels
        ApiProblem problem = refused(image("png", 10, 2001));
        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).endsWith("/page-too-long");
        assertThat(problem.page()).isEqualTo(1);
        assertThat(problem.detail()).contains("10x2001").contains("more than 200 times");

        assertThat(inspector.inspect(1, source(image("png", 10, 2000))).height()).isEqualTo(2000);
        assertThat(inspector.inspect(1, source(image("png", 80, 1200))).height()).as("a webtoon strip's 1:15")
                .isEqualTo(1200);
    }

    private ApiProblem refused(byte[] bytes) throws IOException {
        PageSource source = source(bytes);
        return ApiProblem.of(catchThrowableOfType(Refused.class, () -> inspector.inspect(1, source)));
    }

    private PageSource source(byte[] bytes) throws IOException {
        Path file = Files.write(Files.createTempFile(folder, "page", ".bin"), bytes);
        return new PageSource("page", file, bytes.length);
    }

    /** Noise, so the encoders cannot shrink it to nothing; gray for the 4x4 case's known decoded size. */
    private static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height,
                width == 4 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A lossless WebP header for a 25x25 image whose RIFF length says riffPayload bytes; the file has 40. */
    private static byte[] webp(int riffPayload, int size) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(riffPayload).put("WEBP".getBytes()).put("VP8L".getBytes()).putInt(12);
        b.put((byte) 0x2f).putInt(size | size << 14);
        return b.array();
    }
}
