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
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.CRC32;

/**
 * Checks a page on disk without decoding it and without holding it: the format and dimensions from its
 * header ({@link PageLimits#head}, so a decompression bomb is refused before any pixel is allocated), its
 * size against what those dimensions allow, and the container's integrity (PNG chunk CRCs up to IEND, JPEG
 * markers up to the scan and EOI at the end, WebP RIFF length), which catches truncated files at a fraction
 * of the cost of decoding. The file is read in 64 KiB steps.
 */
@ApplicationScoped
public class PageInspector {

    private static final int BUFFER = 64 << 10;
    /** Encoders may pad after a JPEG's EOI; this much trailing padding is tolerated, not a cut-off scan. */
    private static final int JPEG_TAIL = 64;

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
            boolean intact = switch (header.format()) {
                case PNG -> pngIntact(source);
                case JPEG -> jpegIntact(source);
                case WEBP -> webpIntact(source);
            };
            if (!intact) {
                throw PageRejectedException.invalid("corrupt-image", pageNumber, source.fileName(), "Page "
                        + pageNumber + " is a truncated or corrupt " + header.format());
            }
            return new InspectedPage(pageNumber, source.fileName(), source.file(), source.size(), header.format(),
                    header.width(), header.height());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks every chunk, checking its CRC: IHDR first, and it must end with IEND. */
    private static boolean pngIntact(PageSource source) throws IOException {
        try (DataInputStream in = open(source)) {
            in.skipNBytes(8); // the signature, which the header check read
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[BUFFER];
            boolean first = true;
            while (true) {
                long length = Integer.toUnsignedLong(in.readInt());
                byte[] type = in.readNBytes(4);
                String name = new String(type, StandardCharsets.US_ASCII);
                if (first && (!"IHDR".equals(name) || length != 13)) {
                    return false;
                }
                first = false;
                crc.reset();
                crc.update(type);
                for (long left = length; left > 0; ) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        return false;
                    }
                    crc.update(buffer, 0, n);
                    left -= n;
                }
                if ((int) crc.getValue() != in.readInt()) {
                    return false;
                }
                if ("IEND".equals(name)) {
                    return true;
                }
            }
        } catch (EOFException e) {
            return false;
        }
    }

    /** Marker segments up to the start of scan, then EOI within the last bytes. */
    private static boolean jpegIntact(PageSource source) throws IOException {
        try (DataInputStream in = open(source)) {
            in.skipNBytes(2); // SOI
            while (true) {
                if (in.readUnsignedByte() != 0xff) {
                    return false;
                }
                int marker = in.readUnsignedByte();
                while (marker == 0xff) { // fill bytes
                    marker = in.readUnsignedByte();
                }
                int length = in.readUnsignedShort();
                if (length < 2) {
                    return false;
                }
                if (marker == 0xda) {
                    return endsWithEoi(source);
                }
                in.skipNBytes(length - 2);
            }
        } catch (EOFException e) {
            return false;
        }
    }

    private static boolean endsWithEoi(PageSource source) throws IOException {
        int tail = (int) Math.min(JPEG_TAIL, source.size() - 2);
        ByteBuffer b = ByteBuffer.allocate(tail);
        try (SeekableByteChannel channel = Files.newByteChannel(source.file())) {
            channel.position(source.size() - tail);
            while (b.hasRemaining() && channel.read(b) > 0) {
                // fills the tail
            }
        }
        for (int i = tail - 2; i >= 0; i--) {
            if ((b.get(i) & 0xff) == 0xff && (b.get(i + 1) & 0xff) == 0xd9) {
                return true;
            }
        }
        return false;
    }

    /** The RIFF length must fit the file; the chunk and dimensions were read by the header check. */
    private static boolean webpIntact(PageSource source) throws IOException {
        try (DataInputStream in = open(source)) {
            byte[] start = in.readNBytes(8);
            long riffLength = Integer.toUnsignedLong(ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
            return source.size() >= 32 && riffLength + 8 <= source.size();
        }
    }

    private static DataInputStream open(PageSource source) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(source.file()), BUFFER));
    }
}
