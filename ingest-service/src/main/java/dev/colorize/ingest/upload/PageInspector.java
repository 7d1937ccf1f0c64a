package dev.colorize.ingest.upload;

import dev.colorize.platform.image.ImageHeader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Checks a page on disk without decoding it and without holding it: the format and dimensions from its
 * header ({@link PageLimits#head}, so a decompression bomb is refused before any pixel is allocated), its
 * size against what those dimensions allow, and the container's integrity (PNG chunk CRCs up to IEND, JPEG
 * segments and scans up to EOI, WebP RIFF length), which catches truncated files at a fraction of the cost of
 * decoding. The file is read in 64 KiB steps. Bytes after the image's end are cut off the file: a page is stored and
 * served back (as uploaded, or passed through as already in color) from our origin, and a polyglot's second file
 * (HTML, a script, a zip) after the image must not come with it.
 */
@ApplicationScoped
public class PageInspector {

    private static final int BUFFER = 64 << 10;
    private static final int JPEG_SOS = 0xda;
    private static final int JPEG_EOI = 0xd9;

    private final PageLimits pageLimits;

    public PageInspector(PageLimits pageLimits) {
        this.pageLimits = pageLimits;
    }

    public InspectedPage inspect(int pageNumber, PageSource source) {
        try {
            ImageHeader header;
            try (InputStream in = Files.newInputStream(source.file())) {
                header = pageLimits.head(pageNumber, source.fileName(), in).header();
            }
            if (source.size() > pageLimits.maxBytes(header)) {
                throw PageRejectedException.tooLarge("page-too-large", pageNumber, source.fileName(), "Page "
                        + pageNumber + " has " + source.size() + " bytes, more than "
                        + pageLimits.describeMaxBytes(header));
            }
            long end = switch (header.format()) {
                case PNG -> pngEnd(source);
                case JPEG -> jpegEnd(source);
                case WEBP -> webpEnd(source);
            };
            if (end < 0) {
                throw PageRejectedException.invalid("corrupt-image", pageNumber, source.fileName(), "Page "
                        + pageNumber + " is a truncated or corrupt " + header.format());
            }
            if (end < source.size()) {
                try (FileChannel file = FileChannel.open(source.file(), StandardOpenOption.WRITE)) {
                    file.truncate(end);
                }
            }
            return new InspectedPage(pageNumber, source.fileName(), source.file(), end, header.format(),
                    header.width(), header.height());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks every chunk, checking its CRC: IHDR first, up to IEND; the offset after IEND, or -1. */
    private static long pngEnd(PageSource source) throws IOException {
        try (DataInputStream in = open(source)) {
            in.skipNBytes(8); // the signature, which the header check read
            long end = 8;
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[BUFFER];
            boolean first = true;
            while (true) {
                long length = Integer.toUnsignedLong(in.readInt());
                byte[] type = in.readNBytes(4);
                String name = new String(type, StandardCharsets.US_ASCII);
                if (first && (!"IHDR".equals(name) || length != 13)) {
                    return -1;
                }
                first = false;
                crc.reset();
                crc.update(type);
                for (long left = length; left > 0; ) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        return -1;
                    }
                    crc.update(buffer, 0, n);
                    left -= n;
                }
                if ((int) crc.getValue() != in.readInt()) {
                    return -1;
                }
                end += 12 + length; // length, type, data, CRC
                if ("IEND".equals(name)) {
                    return end;
                }
            }
        } catch (EOFException e) {
            return -1;
        }
    }

    /**
     * Marker segments, and after each start of scan its entropy-coded data (where 0xff is followed by 0 or a restart
     * marker), up to EOI; progressive images have several scans. The offset after EOI, or -1.
     */
    private static long jpegEnd(PageSource source) throws IOException {
        try (CountingInput counted = new CountingInput(new BufferedInputStream(Files.newInputStream(source.file()), BUFFER));
                DataInputStream in = new DataInputStream(counted)) {
            in.skipNBytes(2); // SOI
            int marker = nextMarker(in);
            while (marker >= 0) {
                if (marker == JPEG_EOI) {
                    return counted.position();
                }
                if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { // standalone: no length
                    marker = nextMarker(in);
                    continue;
                }
                int length = in.readUnsignedShort();
                if (length < 2) {
                    return -1;
                }
                in.skipNBytes(length - 2);
                marker = marker == JPEG_SOS ? markerAfterScan(in) : nextMarker(in);
            }
            return -1;
        } catch (EOFException e) {
            return -1;
        }
    }

    /** The marker that must come next (fill bytes skipped), or -1 when something else does. */
    private static int nextMarker(DataInputStream in) throws IOException {
        if (in.readUnsignedByte() != 0xff) {
            return -1;
        }
        int marker = in.readUnsignedByte();
        while (marker == 0xff) {
            marker = in.readUnsignedByte();
        }
        return marker;
    }

    /** Skips a scan's entropy-coded data: the first marker that is neither a stuffed 0xff nor a restart. */
    private static int markerAfterScan(DataInputStream in) throws IOException {
        while (true) {
            if (in.readUnsignedByte() != 0xff) {
                continue;
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xff) {
                marker = in.readUnsignedByte();
            }
            if (marker != 0 && (marker < 0xd0 || marker > 0xd7)) {
                return marker;
            }
        }
    }

    /**
     * The RIFF length must fit the file; the chunk and dimensions were read by the header check. The offset the RIFF
     * length ends at, or -1.
     */
    private static long webpEnd(PageSource source) throws IOException {
        try (DataInputStream in = open(source)) {
            byte[] start = in.readNBytes(8);
            long riffLength = Integer.toUnsignedLong(ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
            return source.size() >= 32 && riffLength + 8 <= source.size() ? riffLength + 8 : -1;
        }
    }

    private static DataInputStream open(PageSource source) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(source.file()), BUFFER));
    }
}
