package dev.colorize.ml.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

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

    /** One layer: its name in the editor, its pixels (BGR or BGRA, the image's size), and whether it multiplies. */
    public record Layer(String name, Mat pixels, boolean multiply) {
    }

    private PhotoshopDocument() {
    }

    /** A .psd of {@code topFirst} over one another; {@code merged} (BGR) is how they look flattened. */
    public static byte[] write(List<Layer> topFirst, Mat merged) {
        int width = merged.cols();
        int height = merged.rows();
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("a PSD holds at most " + MAX_SIDE + " px a side, not " + width + "x" + height);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeBytes("8BPS");
            out.writeShort(1);
            out.write(new byte[6]);
            out.writeShort(3); // the merged image: R, G, B
            out.writeInt(height);
            out.writeInt(width);
            out.writeShort(8);
            out.writeShort(3); // RGB color mode
            out.writeInt(0); // color mode data
            out.writeInt(0); // image resources

            byte[] layerInfo = layerInfo(topFirst, width, height);
            out.writeInt(4 + layerInfo.length + 4);
            out.writeInt(layerInfo.length);
            out.write(layerInfo);
            out.writeInt(0); // global layer mask info

            List<byte[]> planes = planes(merged, false);
            List<byte[][]> packed = new ArrayList<>();
            for (byte[] plane : planes) {
                packed.add(packRows(plane, width, height));
            }
            out.writeShort(1); // PackBits
            for (byte[][] rows : packed) {
                for (byte[] row : rows) {
                    out.writeShort(row.length);
                }
            }
            for (byte[][] rows : packed) {
                for (byte[] row : rows) {
                    out.write(row);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: only on a bug
        }
    }

    /** Layer count, the records (bottom layer first, as the format orders them), then every channel's data. */
    private static byte[] layerInfo(List<Layer> topFirst, int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        List<Layer> bottomFirst = new ArrayList<>(topFirst);
        java.util.Collections.reverse(bottomFirst);
        out.writeShort(bottomFirst.size());
        List<List<byte[]>> channelData = new ArrayList<>();
        for (Layer layer : bottomFirst) {
            if (layer.pixels().cols() != width || layer.pixels().rows() != height) {
                throw new IllegalArgumentException("layer " + layer.name() + " is not " + width + "x" + height);
            }
            List<byte[]> channels = new ArrayList<>();
            for (byte[] plane : planes(layer.pixels(), true)) {
                channels.add(channel(plane, width, height));
            }
            channelData.add(channels);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(height);
            out.writeInt(width);
            out.writeShort(4);
            int[] ids = {-1, 0, 1, 2}; // transparency, red, green, blue: the order of planes(.., true)
            for (int c = 0; c < 4; c++) {
                out.writeShort(ids[c]);
                out.writeInt(channels.get(c).length);
            }
            out.writeBytes("8BIM");
            out.writeBytes(layer.multiply() ? "mul " : "norm");
            out.writeByte(255); // opacity
            out.writeByte(0); // clipping: base
            out.writeByte(0); // flags: visible
            out.writeByte(0);
            byte[] name = pascalName(layer.name());
            byte[] unicode = unicodeName(layer.name());
            out.writeInt(4 + 4 + name.length + unicode.length);
            out.writeInt(0); // no layer mask
            out.writeInt(0); // no blending ranges
            out.write(name);
            out.write(unicode);
        }
        for (List<byte[]> channels : channelData) {
            for (byte[] channel : channels) {
                out.write(channel);
            }
        }
        if (bytes.size() % 2 != 0) {
            out.writeByte(0);
        }
        out.flush();
        return bytes.toByteArray();
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
    private static byte[] unicodeName(String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16BE);
        int length = 4 + utf16.length;
        out.writeBytes("8BIM");
        out.writeBytes("luni");
        out.writeInt(length + (length % 2));
        out.writeInt(name.length());
        out.write(utf16);
        if (length % 2 != 0) {
            out.writeByte(0);
        }
        return bytes.toByteArray();
    }

    /** A layer channel: compression 1 (PackBits), the rows' byte counts, the rows. */
    private static byte[] channel(byte[] plane, int width, int height) throws IOException {
        byte[][] rows = packRows(plane, width, height);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(1);
        for (byte[] row : rows) {
            out.writeShort(row.length);
        }
        for (byte[] row : rows) {
            out.write(row);
        }
        return bytes.toByteArray();
    }

    /**
     * The image's planes in the format's order: with {@code alpha}, transparency then R, G, B (opaque when the
     * image has no alpha); else R, G, B.
     */
    private static List<byte[]> planes(Mat image, boolean alpha) {
        if (image.depth() != CvType.CV_8U || image.channels() != 3 && image.channels() != 4) {
            throw new IllegalArgumentException("expected 8-bit BGR or BGRA, got " + CvType.typeToString(image.type()));
        }
        int n = image.cols() * image.rows();
        Mat bgra = image;
        if (image.channels() == 3) {
            bgra = new Mat();
            Imgproc.cvtColor(image, bgra, Imgproc.COLOR_BGR2BGRA);
        }
        List<byte[]> planes = new ArrayList<>();
        int[] order = alpha ? new int[] {3, 2, 1, 0} : new int[] {2, 1, 0};
        Mat plane = new Mat();
        for (int c : order) {
            Core.extractChannel(bgra, plane, c);
            byte[] values = new byte[n];
            plane.get(0, 0, values);
            planes.add(values);
        }
        plane.release();
        if (bgra != image) {
            bgra.release();
        }
        return planes;
    }

    private static byte[][] packRows(byte[] plane, int width, int height) {
        byte[][] rows = new byte[height][];
        for (int y = 0; y < height; y++) {
            rows[y] = PackBits.encode(plane, y * width, width);
        }
        return rows;
    }

    /** Apple's PackBits run-length code, as the PSD format uses it. */
    static final class PackBits {

        private PackBits() {
        }

        /** {@code length} bytes of {@code data} from {@code offset}, packed. */
        static byte[] encode(byte[] data, int offset, int length) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 4 + 8);
            int i = 0;
            while (i < length) {
                int run = 1;
                while (i + run < length && run < 128 && data[offset + i + run] == data[offset + i]) {
                    run++;
                }
                if (run >= 2) {
                    out.write(1 - run);
                    out.write(data[offset + i]);
                    i += run;
                    continue;
                }
                int literal = 1; // up to the next run of two or more equal bytes
                while (i + literal < length && literal < 128
                        && !(i + literal + 1 < length && data[offset + i + literal] == data[offset + i + literal + 1])) {
                    literal++;
                }
                out.write(literal - 1);
                out.write(data, offset + i, literal);
                i += literal;
            }
            return out.toByteArray();
        }
    }
}
