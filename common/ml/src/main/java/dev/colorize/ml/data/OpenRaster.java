package dev.colorize.ml.data;

import dev.colorize.platform.messaging.PageOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Writes OpenRaster (.ora) files, the layered format Krita, GIMP and MyPaint open: a zip whose first entry,
 * stored uncompressed, is "mimetype" ({@value #MEDIA_TYPE}), then stack.xml (the layers, top first), each
 * layer as PNG under data/, mergedimage.png (the flattened image) and Thumbnails/thumbnail.png (at most
 * 256 px a side), as the specification requires. Every entry is stored: PNG is compressed already.
 */
public final class OpenRaster {

    public static final String MEDIA_TYPE = PageOutput.OPEN_RASTER_MEDIA_TYPE;
    /** The specification's largest thumbnail side. */
    static final int THUMBNAIL_SIDE = 256;

    /** One layer: its name in the editor, its PNG (the image's size), and whether it multiplies what lies beneath. */
    public record Layer(String name, byte[] png, boolean multiply) {
    }

    private OpenRaster() {
    }

    /**
     * An .ora of {@code topFirst} over one another; {@code merged} is how they look flattened (BGR or BGRA) and
     * gives the image's size; {@code mergedPng}, when the caller has it already, is its PNG (else it is encoded).
     * The file is written into an array of its exact size, which is returned as it is: no copy of the file is made
     * (up to 8 worker threads each write one at once).
     */
    public static byte[] write(List<Layer> topFirst, Mat merged, byte[] mergedPng) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("mimetype", MEDIA_TYPE.getBytes(StandardCharsets.US_ASCII));
        entries.put("stack.xml", stackXml(merged.cols(), merged.rows(), topFirst).getBytes(StandardCharsets.UTF_8));
        for (Layer layer : topFirst) {
            entries.put(source(layer), layer.png());
        }
        entries.put("mergedimage.png", mergedPng != null ? mergedPng : ImageCodec.encodePng(merged));
        entries.put("Thumbnails/thumbnail.png", thumbnail(merged));
        ExactBytes bytes = new ExactBytes(storedZipSize(entries));
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                stored(zip, entry.getKey(), entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: only on a bug
        }
        return bytes.whole();
    }

    /**
     * The size of a zip of these entries stored, as ZipOutputStream writes it (ASCII names, no extra fields, no
     * comments): each entry's local header, name and content, its central directory header and name, the end record.
     */
    private static int storedZipSize(Map<String, byte[]> entries) {
        long size = 22;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            size += 30 + 46 + 2L * entry.getKey().length() + entry.getValue().length;
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 8);
    }

    /** A stream into an array sized up front: when the size was right, the array itself is the result, not a copy. */
    private static final class ExactBytes extends ByteArrayOutputStream {

        ExactBytes(int size) {
            super(size);
        }

        byte[] whole() {
            return count == buf.length ? buf : Arrays.copyOf(buf, count);
        }
    }

    static String stackXml(int width, int height, List<Layer> topFirst) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<image version=\"0.0.5\" w=\"").append(width).append("\" h=\"").append(height).append("\">\n")
                .append("  <stack>\n");
        for (Layer layer : topFirst) {
            xml.append("    <layer name=\"").append(layer.name()).append("\" src=\"").append(source(layer))
                    .append("\" x=\"0\" y=\"0\" opacity=\"1.0\" visibility=\"visible\" composite-op=\"")
                    .append(layer.multiply() ? "svg:multiply" : "svg:src-over").append("\"/>\n");
        }
        return xml.append("  </stack>\n</image>\n").toString();
    }

    private static String source(Layer layer) {
        return "data/" + layer.name() + ".png";
    }

    private static byte[] thumbnail(Mat merged) {
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(merged.cols(), merged.rows()));
        Mat small = new Mat();
        Imgproc.resize(merged, small, new Size(Math.max(1, Math.round(merged.cols() * scale)),
                Math.max(1, Math.round(merged.rows() * scale))), 0, 0, Imgproc.INTER_AREA);
        try {
            return ImageCodec.encodePng(small);
        } finally {
            small.release();
        }
    }

    /** An uncompressed entry: what the specification asks of "mimetype", and cheapest for PNG. */
    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
