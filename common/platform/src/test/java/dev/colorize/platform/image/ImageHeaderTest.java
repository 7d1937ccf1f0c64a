package dev.colorize.platform.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageHeaderTest {

    @Test
    void pngHeadersGiveSizeDepthAndChannels() throws Exception {
        assertThat(ImageHeader.read(encode(new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY), "png")))
                .isEqualTo(new ImageHeader(ImageFormat.PNG, 300, 200, 8, 1));
        assertThat(ImageHeader.read(encode(new BufferedImage(7, 5, BufferedImage.TYPE_USHORT_GRAY), "png")))
                .isEqualTo(new ImageHeader(ImageFormat.PNG, 7, 5, 16, 1));
        assertThat(ImageHeader.read(encode(new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB), "png")))
                .isEqualTo(new ImageHeader(ImageFormat.PNG, 64, 32, 8, 3));
        ImageHeader rgba = ImageHeader.read(encode(new BufferedImage(33, 44, BufferedImage.TYPE_INT_ARGB), "png"));
        assertThat(rgba).isEqualTo(new ImageHeader(ImageFormat.PNG, 33, 44, 8, 4));
        assertThat(rgba.decodedBytes()).isEqualTo(33L * 44 * 4);
        assertThat(ImageHeader.read(encode(new BufferedImage(9, 9, BufferedImage.TYPE_BYTE_INDEXED), "png")))
                .as("a palette decodes to 8-bit color").isEqualTo(new ImageHeader(ImageFormat.PNG, 9, 9, 8, 3));
    }

    @Test
    void jpegHeadersAreFoundBehindTheirMetadataSegments() throws Exception {
        assertThat(ImageHeader.read(encode(new BufferedImage(321, 123, BufferedImage.TYPE_INT_RGB), "jpg")))
                .isEqualTo(new ImageHeader(ImageFormat.JPEG, 321, 123, 8, 3));
        assertThat(ImageHeader.read(encode(new BufferedImage(40, 50, BufferedImage.TYPE_BYTE_GRAY), "jpg")))
                .isEqualTo(new ImageHeader(ImageFormat.JPEG, 40, 50, 8, 1));
    }

    @Test
    void aHugePageIsMeasuredFromItsFirstBytesAlone() {
        byte[] claim = pngHeader(100_000, 100_000, 16, 6); // would decode to 80 GB; nothing follows the header
        ImageHeader header = ImageHeader.read(claim);
        assertThat(header.pixels()).isEqualTo(10_000_000_000L);
        assertThat(header.decodedBytes()).isEqualTo(80_000_000_000L);
    }

    @Test
    void webpHeadersOfEachKindAreRead() {
        byte[] lossy = riff("VP8 ", new byte[] {0, 0, 0, (byte) 0x9d, 0x01, 0x2a, (byte) 200, 0, 100, 0});
        assertThat(ImageHeader.read(lossy)).isEqualTo(new ImageHeader(ImageFormat.WEBP, 200, 100, 8, 3));
        int bits = (640 - 1) | (480 - 1) << 14 | 1 << 28; // width-1, height-1, alpha
        byte[] lossless = riff("VP8L", new byte[] {0x2f, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16),
                (byte) (bits >> 24)});
        assertThat(ImageHeader.read(lossless)).isEqualTo(new ImageHeader(ImageFormat.WEBP, 640, 480, 8, 4));
        byte[] extended = riff("VP8X", new byte[] {0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0x0f, 0x27, 0});
        assertThat(ImageHeader.read(extended)).isEqualTo(new ImageHeader(ImageFormat.WEBP, 65536, 10000, 8, 3));
    }

    @Test
    void truncatedOrForeignBytesAreRefusedWithAClearReason() throws Exception {
        byte[] png = encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png");
        assertThatThrownBy(() -> ImageHeader.read(Arrays.copyOf(png, 20)))
                .isInstanceOf(UnreadableImageHeaderException.class).hasMessage("PNG header is truncated (20 bytes)");
        byte[] jpeg = encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg");
        assertThatThrownBy(() -> ImageHeader.read(Arrays.copyOf(jpeg, 30)))
                .isInstanceOf(UnreadableImageHeaderException.class).hasMessageContaining("JPEG header is truncated");
        assertThatThrownBy(() -> ImageHeader.read(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}))
                .isInstanceOf(UnreadableImageHeaderException.class)
                .hasMessage("not a PNG, JPEG or WebP image (7 bytes)");
        assertThatThrownBy(() -> ImageHeader.read(pngHeader(0, 10, 8, 2)))
                .isInstanceOf(UnreadableImageHeaderException.class).hasMessageContaining("gives no size");
        assertThatThrownBy(() -> ImageHeader.read(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xda, 0, 2}))
                .hasMessage("JPEG has no frame header before its scan data");
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    static byte[] pngHeader(int width, int height, int bitDepth, int colorType) {
        return ByteBuffer.allocate(33).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height)
                .put((byte) bitDepth).put((byte) colorType).array();
    }

    private static byte[] riff(String chunk, byte[] payload) {
        byte[] out = new byte[Math.max(30, 20 + payload.length)];
        System.arraycopy("RIFF".getBytes(), 0, out, 0, 4);
        System.arraycopy("WEBP".getBytes(), 0, out, 8, 4);
        System.arraycopy(chunk.getBytes(), 0, out, 12, 4);
        System.arraycopy(payload, 0, out, 20, payload.length);
        return out;
    }
}
