package dev.colorize.ingest.upload;

import dev.colorize.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import dev.colorize.platform.image.ImageFormat;

/**
 * Checks a page without decoding it: the format from its magic bytes (never the file name), the
 * dimensions from its header (so a decompression bomb is refused before any pixel is allocated), and
 * the container's integrity (PNG chunk CRCs up to IEND, JPEG markers up to EOI, WebP RIFF length), which
 * catches truncated files at a fraction of the cost of decoding.
 */
@ApplicationScoped
public class PageInspector {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final IngestConfig.Upload limits;

    public PageInspector(IngestConfig config) {
        this.limits = config.upload();
    }

    public InspectedPage inspect(int pageNumber, PageSource source) {
        byte[] b = source.bytes();
        if (b.length == 0) {
            throw PageRejectedException.invalid("empty-page", pageNumber, source.fileName(), "Page " + pageNumber + " is empty");
        }
        if (b.length > limits.maxPageBytes()) {
            throw PageRejectedException.tooLarge("page-too-large", pageNumber, source.fileName(), "Page " + pageNumber
                    + " has " + b.length + " bytes, more than the limit of " + limits.maxPageBytes());
        }
        ImageFormat format = ImageFormat.sniff(b).orElseThrow(() -> PageRejectedException.invalid("unsupported-format", pageNumber, source.fileName(), "Page " + pageNumber
                    + " is not a PNG, JPEG or WebP image (judged by its content, not its name)"));
        int[] size;
        try {
            size = switch (format) {
                case PNG -> png(b);
                case JPEG -> jpeg(b);
                case WEBP -> webp(b);
            };
        } catch (IndexOutOfBoundsException e) {
            size = null;
        }
        if (size == null) {
            throw PageRejectedException.invalid("corrupt-image", pageNumber, source.fileName(), "Page " + pageNumber
                    + " is a truncated or corrupt " + format);
        }
        long pixels = (long) size[0] * size[1];
        if (size[0] <= 0 || size[1] <= 0) {
            throw PageRejectedException.invalid("corrupt-image", pageNumber, source.fileName(), "Page " + pageNumber
                    + " declares no pixels");
        }
        if (pixels > limits.maxPagePixels()) {
            throw PageRejectedException.tooLarge("too-many-pixels", pageNumber, source.fileName(), "Page " + pageNumber
                    + " is " + size[0] + "x" + size[1] + " = " + pixels + " pixels, more than the limit of "
                    + limits.maxPagePixels());
        }
        return new InspectedPage(pageNumber, source.fileName(), b, format, size[0], size[1]);
    }

    /** Walks every chunk, checking its CRC; width and height from IHDR, or null unless it ends with IEND. */
    private static int[] png(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        int pos = PNG_SIGNATURE.length;
        int[] size = null;
        CRC32 crc = new CRC32();
        while (pos + 12 <= b.length) {
            long length = Integer.toUnsignedLong(buf.getInt(pos));
            if (pos + 12 + length > b.length) {
                return null;
            }
            String type = new String(b, pos + 4, 4, StandardCharsets.US_ASCII);
            crc.reset();
            crc.update(b, pos + 4, 4 + (int) length);
            if ((int) crc.getValue() != buf.getInt(pos + 8 + (int) length)) {
                return null;
            }
            if (size == null) {
                if (!"IHDR".equals(type) || length != 13) {
                    return null;
                }
                size = new int[] {buf.getInt(pos + 8), buf.getInt(pos + 12)};
            }
            if ("IEND".equals(type)) {
                return size;
            }
            pos += 12 + (int) length;
        }
        return null;
    }

    /** Markers up to start-of-scan; dimensions from the SOF segment; the data must end with EOI. */
    private static int[] jpeg(byte[] b) {
        int pos = 2;
        int[] size = null;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xff) != 0xff) {
                return null;
            }
            int marker = b[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++;
                continue;
            }
            int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            if (length < 2 || pos + 2 + length > b.length) {
                return null;
            }
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame) {
                size = new int[] {((b[pos + 7] & 0xff) << 8) | (b[pos + 8] & 0xff),
                        ((b[pos + 5] & 0xff) << 8) | (b[pos + 6] & 0xff)};
            }
            if (marker == 0xda) {
                return size != null && endsWithEoi(b) ? size : null;
            }
            pos += 2 + length;
        }
        return null;
    }

    private static boolean endsWithEoi(byte[] b) {
        // encoders may pad after EOI; tolerate a little trailing padding, not a cut-off scan
        for (int i = b.length - 2; i >= Math.max(2, b.length - 64); i--) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xd9) {
                return true;
            }
        }
        return false;
    }

    /** RIFF length must match; dimensions from the VP8, VP8L or VP8X header. */
    private static int[] webp(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long riffLength = Integer.toUnsignedLong(buf.getInt(4));
        if (riffLength + 8 > b.length || b.length < 32) {
            return null;
        }
        String chunk = new String(b, 12, 4, StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> new int[] {buf.getShort(26) & 0x3fff, buf.getShort(28) & 0x3fff};
            case "VP8L" -> {
                int bits = buf.getInt(21);
                yield new int[] {(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1};
            }
            case "VP8X" -> new int[] {(buf.getInt(24) & 0xffffff) + 1, (buf.getInt(27) & 0xffffff) + 1};
            default -> null;
        };
    }
}
