package dev.colorize.platform.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

    @Test
    void realImagesAreRecognisedByTheirBytesAndNamesDoNotCount() throws Exception {
        assertThat(ImageFormat.sniff(encode("png"))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(encode("jpg"))).contains(ImageFormat.JPEG);
        byte[] webpHeader = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
        assertThat(ImageFormat.sniff(webpHeader)).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff("page.png is text".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0x89, 'P'})).as("too short to tell").isEmpty();
    }

    @Test
    void anObjectNameTellsItsFormatByItsExtensionInAnyCase() {
        assertThat(ImageFormat.ofFileName("results/p/c/0001-v3.png")).contains(ImageFormat.PNG);
        assertThat(ImageFormat.ofFileName("0002.JPG")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.ofFileName("0003.jpeg")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.ofFileName("0004.WebP")).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.ofFileName("0005.gif")).isEmpty();
        assertThat(ImageFormat.ofFileName("archive.png.zip")).as("only the last extension counts").isEmpty();
        assertThat(ImageFormat.ofFileName("")).isEmpty();
    }

    private static byte[] encode(String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }
}
