package dev.colorize.ml.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Writes layered Photoshop documents (.psd, version 1, 8-bit RGB), which Clip Studio Paint, Photoshop, Krita and
 * GIMP open with their layers: named pixel layers with their blend modes (multiply or normal) and a merged image
 * for viewers that show only that. Every channel is PackBits-compressed (flats are long runs of one value). The
 * layout follows Adobe's "Photoshop File Formats Specification": header, empty color-mode data and image
 * resources, the layer and mask section (layer records bottom first, then each layer's channels), then the
 * merged image.
 */
public final class PhotoshopDocument {

    public static final String MEDIA_TYPE = dev.colorize.platform.messaging.PageOutput.PHOTOSHOP_MEDIA_TYPE;
    /** The largest side version 1 of the format allows. */
    public static final int MAX_SIDE = 30_000;

    /** Header: signature, version, reserved, channels, height, width, depth, color mode. */
    private static final int HEADER_BYTES = 4 + 2 + 6 + 2 + 4 + 4 + 2 + 2;
    /** A layer record but its names: rectangle, channel count, 4 channels' id and length, blend mode, extra data. */
    private static final int RECORD_BYTES = 16 + 2 + 4 * 6 + 4 + 4 + 4 + 4 + 4 + 4;

    /** One layer: its name in the editor, its pixels (BGR or BGRA, the image's size), and whether it multiplies. */
    public record Layer(String name, Mat pixels, boolean multiply) {
    }

    private PhotoshopDocument() {
    }

    /**
     * A .psd of {@code topFirst} over one another; {@code merged} (BGR) is how they look flattened. Every channel is
     * packed first, row by row from the images' own rows, so the file's size is known and the file is written once
     * into an array of that size: the file and its packed rows are all this allocates, never a raw plane of the page
     * nor a copy of the file (up to 8 worker threads each write one at once).
     */
    public static byte[] write(List<Layer> topFirst, Mat merged) {
        int width = merged.cols();
        int height = merged.rows();
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("a PSD holds at most " + MAX_SIDE + " px a side, not " + width + "x" + height);
        }
        List<Layer> bottomFirst = new ArrayList<>(topFirst);
        Collections.reverse(bottomFirst); // the order of the format's layer records
        List<byte[][][]> layerChannels = new ArrayList<>();
        List<byte[]> names = new ArrayList<>();
        List<byte[]> unicodeNames = new ArrayList<>();
        long layerInfo = 2;
        for (Layer layer : bottomFirst) {
            if (layer.pixels().cols() != width || layer.pixels().rows() != height) {
                throw new IllegalArgumentException("layer " + layer.name() + " is not " + width + "x" + height);
            }
            byte[][][] channels = packedChannels(layer.pixels(), true);
            byte[] name = pascalName(layer.name());
            byte[] unicode = unicodeName(layer.name());
            layerChannels.add(channels);
            names.add(name);
            unicodeNames.add(unicode);
            layerInfo += RECORD_BYTES + name.length + unicode.length;
            for (byte[][] channel : channels) {
                layerInfo += channelBytes(channel);
            }
        }
        layerInfo += layerInfo % 2;
        byte[][][] mergedChannels = packedChannels(merged, false);
        long size = HEADER_BYTES + 4 + 4 + 4 + 4 + layerInfo + 4 + 2;
        for (byte[][] channel : mergedChannels) {
            size += channelBytes(channel) - 2; // the merged image has one compression mark for all its channels
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + width + "x" + height + " PSD of " + size + " bytes is too large");
        }

        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(ascii("8BPS"));
        out.putShort((short) 1);
        out.put(new byte[6]);
        out.putShort((short) 3); // the merged image: R, G, B
        out.putInt(height);
        out.putInt(width);
        out.putShort((short) 8);
        out.putShort((short) 3); // RGB color mode
        out.putInt(0); // color mode data
        out.putInt(0); // image resources

        out.putInt((int) (4 + layerInfo + 4));
        out.putInt((int) layerInfo);
        int layerInfoStart = out.position();
        out.putShort((short) bottomFirst.size());
        short[] ids = {-1, 0, 1, 2}; // transparency, red, green, blue: the order of packedChannels(.., true)
        for (int i = 0; i < bottomFirst.size(); i++) {
            byte[][][] channels = layerChannels.get(i);
            out.putInt(0);
            out.putInt(0);
            out.putInt(height);
            out.putInt(width);
            out.putShort((short) 4);
            for (int c = 0; c < 4; c++) {
                out.putShort(ids[c]);
                out.putInt((int) channelBytes(channels[c]));
            }
            out.put(ascii("8BIM"));
            out.put(ascii(bottomFirst.get(i).multiply() ? "mul " : "norm"));
            out.put((byte) 255); // opacity
            out.put((byte) 0); // clipping: base
            out.put((byte) 0); // flags: visible
            out.put((byte) 0);
            out.putInt(4 + 4 + names.get(i).length + unicodeNames.get(i).length);
            out.putInt(0); // no layer mask
            out.putInt(0); // no blending ranges
            out.put(names.get(i));
            out.put(unicodeNames.get(i));
        }
        for (byte[][][] channels : layerChannels) {
            for (byte[][] channel : channels) {
                out.putShort((short) 1); // PackBits
                putRows(out, channel);
            }
        }
        if ((out.position() - layerInfoStart) % 2 != 0) {
            out.put((byte) 0);
        }
        out.putInt(0); // global layer mask info

        out.putShort((short) 1); // PackBits
        putRows(out, mergedChannels);
        if (out.hasRemaining()) {
            throw new IllegalStateException("PSD size miscounted: " + out.remaining() + " bytes left of " + size);
        }
        return out.array();
    }

    /** A packed channel in the file: compression, the rows' byte counts, the rows. */
    private static long channelBytes(byte[][] rows) {
        long bytes = 2 + 2L * rows.length;
        for (byte[] row : rows) {
            bytes += row.length;
        }
        return bytes;
    }

    /** The rows' byte counts, channel after channel, then the rows. */
    private static void putRows(ByteBuffer out, byte[][]... channels) {
        for (byte[][] channel : channels) {
            for (byte[] row : channel) {
                out.putShort((short) row.length);
            }
        }
        for (byte[][] channel : channels) {
            for (byte[] row : channel) {
                out.put(row);
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The name as a Pascal string padded to a multiple of 4 bytes (ASCII; the full name is in 'luni'). */
    private static byte[] pascalName(String name) {
        byte[] ascii = name.replaceAll("[^\\x20-\\x7e]", "_").getBytes(StandardCharsets.US_ASCII);
        int length = Math.min(255, ascii.length);
        byte[] out = new byte[(1 + length + 3) / 4 * 4];
        out[0] = (byte) length;
        System.arraycopy(ascii, 0, out, 1, length);
        return out;
    }

    /** The 'luni' additional layer information: the name in UTF-16, which editors show. */
    private static byte[] unicodeName(String name) {
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16BE);
        int length = 4 + utf16.length;
        ByteBuffer out = ByteBuffer.allocate(4 + 4 + 4 + length + length % 2);
        out.put(ascii("8BIMluni"));
        out.putInt(length + length % 2);
        out.putInt(name.length());
        out.put(utf16);
        return out.array();
    }

    /**
     * The image's channels in the format's order, each as its packed rows: with {@code alpha}, transparency then R, G,
     * B (opaque when the image has no alpha); else R, G, B. Packed from one row of the image at a time, so no plane
     * of the page is ever held unpacked.
     */
    private static byte[][][] packedChannels(Mat image, boolean alpha) {
        if (image.depth() != CvType.CV_8U || image.channels() != 3 && image.channels() != 4) {
            throw new IllegalArgumentException("expected 8-bit BGR or BGRA, got " + CvType.typeToString(image.type()));
        }
        int width = image.cols();
        int height = image.rows();
        int stride = image.channels();
        int[] order = alpha ? new int[] {3, 2, 1, 0} : new int[] {2, 1, 0};
        byte[][][] packed = new byte[order.length][height][];
        byte[] row = new byte[width * stride];
        byte[] scratch = new byte[PackBits.maxLength(width)];
        byte[] opaque = null;
        for (int y = 0; y < height; y++) {
            image.get(y, 0, row);
            for (int k = 0; k < order.length; k++) {
                if (order[k] < stride) {
                    packed[k][y] = PackBits.encode(row, order[k], stride, width, scratch);
                    continue;
                }
                if (opaque == null) {
                    byte[] white = new byte[width];
                    Arrays.fill(white, (byte) 255);
                    opaque = PackBits.encode(white, 0, 1, width, scratch);
                }
                packed[k][y] = opaque; // every row of an image without alpha: one array for all
            }
        }
        return packed;
    }

    /** Apple's PackBits run-length code, as the PSD format uses it. */
    static final class PackBits {

        private PackBits() {
        }

        /** More bytes than {@code length} bytes can pack to: a one-byte literal, the worst, takes two. */
        static int maxLength(int length) {
            return 2 * length + 2;
        }

        /**
         * {@code length} bytes of {@code data}, from {@code offset} every {@code stride} bytes (one channel of
         * interleaved pixels), packed; {@code scratch} has room for {@link #maxLength} bytes.
         */
        static byte[] encode(byte[] data, int offset, int stride, int length, byte[] scratch) {
            int n = 0;
            int i = 0;
            while (i < length) {
                byte value = data[offset + i * stride];
                int run = 1;
                while (i + run < length && run < 128 && data[offset + (i + run) * stride] == value) {
                    run++;
                }
                if (run >= 2) {
                    scratch[n++] = (byte) (1 - run);
                    scratch[n++] = value;
                    i += run;
                    continue;
                }
                int literal = 1; // up to the next run of two or more equal bytes
                while (i + literal < length && literal < 128 && !(i + literal + 1 < length
                        && data[offset + (i + literal) * stride] == data[offset + (i + literal + 1) * stride])) {
                    literal++;
                }
                scratch[n++] = (byte) (literal - 1);
                for (int k = 0; k < literal; k++) {
                    scratch[n++] = data[offset + (i + k) * stride];
                }
                i += literal;
            }
            return Arrays.copyOf(scratch, n);
        }
    }
}
