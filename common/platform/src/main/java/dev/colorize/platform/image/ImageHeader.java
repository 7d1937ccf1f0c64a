package dev.colorize.platform.image;

import java.nio.charset.StandardCharsets;

/**
 * What an image's header says about the pixels it decodes to, read without decoding: so a page too large
 * for the memory it would take is refused before anything is inflated.
 *
 * @param bitDepth bits per channel sample (8 or 16; a palette PNG's index depth counts as 8, its decoded depth)
 * @param channels decoded channels: 1 gray, 2 gray and alpha, 3 color, 4 color and alpha
 */
public record ImageHeader(ImageFormat format, int width, int height, int bitDepth, int channels) {

    public long pixels() {
        return (long) width * height;
    }

    /** Bytes the decoded image takes at its own depth and channels. */
    public long decodedBytes() {
        return pixels() * channels * Math.max(1, bitDepth / 8);
    }

    /** @throws UnreadableImageHeaderException when the bytes are no PNG, JPEG or WebP, or end within the header */
    public static ImageHeader read(byte[] bytes) {
        ImageFormat format = ImageFormat.sniff(bytes)
                .orElseThrow(() -> new UnreadableImageHeaderException("not a PNG, JPEG or WebP image ("
                        + bytes.length + " bytes)"));
        ImageHeader header = switch (format) {
            case PNG -> png(bytes);
            case JPEG -> jpeg(bytes);
            case WEBP -> webp(bytes);
        };
        if (header.width <= 0 || header.height <= 0) {
            throw new UnreadableImageHeaderException(format + " header gives no size (" + header.width + "x"
                    + header.height + ")");
        }
        return header;
    }

    /** Signature, then the IHDR chunk: width, height, bit depth, color type. */
    private static ImageHeader png(byte[] b) {
        require(b, 26, ImageFormat.PNG);
        if (b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw new UnreadableImageHeaderException("PNG does not start with its IHDR chunk");
        }
        int bitDepth = b[24] & 0xff;
        int channels = switch (b[25] & 0xff) {
            case 0 -> 1;
            case 2, 3 -> 3; // a palette decodes to color
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new UnreadableImageHeaderException("PNG color type " + (b[25] & 0xff) + " is not defined");
        };
        return new ImageHeader(ImageFormat.PNG, int32(b, 16), int32(b, 20), (b[25] & 0xff) == 3 ? 8 : bitDepth,
                channels);
    }

    /** Walks the marker segments up to the first start-of-frame, which holds precision, size and components. */
    private static ImageHeader jpeg(byte[] b) {
        int i = 2;
        while (true) {
            require(b, i + 2, ImageFormat.JPEG);
            if ((b[i] & 0xff) != 0xff) {
                throw new UnreadableImageHeaderException("JPEG marker expected at byte " + i);
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) { // fill byte
                i++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { // no length
                i += 2;
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                throw new UnreadableImageHeaderException("JPEG has no frame header before its scan data");
            }
            require(b, i + 4, ImageFormat.JPEG);
            int length = uint16(b, i + 2);
            if (isStartOfFrame(marker)) {
                require(b, i + 10, ImageFormat.JPEG);
                return new ImageHeader(ImageFormat.JPEG, uint16(b, i + 7), uint16(b, i + 5), b[i + 4] & 0xff,
                        b[i + 9] & 0xff);
            }
            if (length < 2) {
                throw new UnreadableImageHeaderException("JPEG segment at byte " + i + " has length " + length);
            }
            i += 2 + length;
        }
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    /** RIFF container; the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, canvas size). */
    private static ImageHeader webp(byte[] b) {
        require(b, 16, ImageFormat.WEBP);
        String chunk = new String(b, 12, 4, StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> {
                require(b, 30, ImageFormat.WEBP);
                if ((b[23] & 0xff) != 0x9d || (b[24] & 0xff) != 0x01 || (b[25] & 0xff) != 0x2a) {
                    throw new UnreadableImageHeaderException("WebP VP8 frame lacks its start code");
                }
                yield new ImageHeader(ImageFormat.WEBP, uint16le(b, 26) & 0x3fff, uint16le(b, 28) & 0x3fff, 8, 3);
            }
            case "VP8L" -> {
                require(b, 25, ImageFormat.WEBP);
                if ((b[20] & 0xff) != 0x2f) {
                    throw new UnreadableImageHeaderException("WebP VP8L stream lacks its signature");
                }
                long bits = (b[21] & 0xffL) | (b[22] & 0xffL) << 8 | (b[23] & 0xffL) << 16 | (b[24] & 0xffL) << 24;
                boolean alpha = ((bits >> 28) & 1) == 1;
                yield new ImageHeader(ImageFormat.WEBP, (int) (bits & 0x3fff) + 1, (int) ((bits >> 14) & 0x3fff) + 1,
                        8, alpha ? 4 : 3);
            }
            case "VP8X" -> {
                require(b, 30, ImageFormat.WEBP);
                yield new ImageHeader(ImageFormat.WEBP, uint24le(b, 24) + 1, uint24le(b, 27) + 1, 8,
                        (b[20] & 0x10) != 0 ? 4 : 3);
            }
            default -> throw new UnreadableImageHeaderException("WebP chunk '" + chunk.strip() + "' is not VP8, VP8L or VP8X");
        };
    }

    private static void require(byte[] b, int length, ImageFormat format) {
        if (b.length < length) {
            throw new UnreadableImageHeaderException(format + " header is truncated (" + b.length + " bytes)");
        }
    }

    private static int int32(byte[] b, int i) {
        long value = (b[i] & 0xffL) << 24 | (b[i + 1] & 0xffL) << 16 | (b[i + 2] & 0xffL) << 8 | (b[i + 3] & 0xffL);
        if (value > Integer.MAX_VALUE) {
            throw new UnreadableImageHeaderException("PNG dimension " + value + " is out of range");
        }
        return (int) value;
    }

    private static int uint16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int uint16le(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int uint24le(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16;
    }
}
