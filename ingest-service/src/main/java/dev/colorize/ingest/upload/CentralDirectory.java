package dev.colorize.ingest.upload;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What a zip's end-of-central-directory records declare, read from its last 64 KiB before anything else: the entry
 * count and the central directory's size. {@link java.util.zip.ZipFile} reads the whole central directory into one
 * array on opening, so those numbers must be judged first. Every record signature in the tail counts (a zip comment
 * may hold false ones, and which one a reader takes is its own choice); a ZIP64 record's numbers replace the classic
 * ones it extends.
 *
 * @param entries the most entries any record declares
 * @param bytes   the largest central directory any record declares
 */
record CentralDirectory(long entries, long bytes) {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int ZIP64_END_SIZE = 56;
    private static final int MAX_COMMENT = 0xffff;

    /** @throws java.util.zip.ZipException (an IOException) when no record is there: not a zip */
    static CentralDirectory read(Path archive) throws IOException {
        try (FileChannel zip = FileChannel.open(archive, StandardOpenOption.READ)) {
            long size = zip.size();
            int window = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer tail = read(zip, size - window, window);
            List<CentralDirectory> declared = new ArrayList<>();
            for (int i = window - END_SIZE; i >= 0; i--) {
                if (tail.getInt(i) == END_SIGNATURE) {
                    declared.add(declared(zip, tail, i, size - window + i));
                }
            }
            if (declared.isEmpty()) {
                throw new java.util.zip.ZipException("no end of central directory record");
            }
            return new CentralDirectory(declared.stream().mapToLong(CentralDirectory::entries).max().orElseThrow(),
                    declared.stream().mapToLong(CentralDirectory::bytes).max().orElseThrow());
        }
    }

    /** The record at {@code at} in the tail, or the ZIP64 record its locator points to when its fields overflow. */
    private static CentralDirectory declared(FileChannel zip, ByteBuffer tail, int at, long position) throws IOException {
        long entries = Short.toUnsignedLong(tail.getShort(at + 10));
        long bytes = Integer.toUnsignedLong(tail.getInt(at + 12));
        boolean overflows = entries == 0xffff || bytes == 0xffffffffL;
        if (overflows && at >= ZIP64_LOCATOR_SIZE && tail.getInt(at - ZIP64_LOCATOR_SIZE) == ZIP64_LOCATOR_SIGNATURE) {
            long zip64At = tail.getLong(at - ZIP64_LOCATOR_SIZE + 8);
            if (zip64At >= 0 && zip64At + ZIP64_END_SIZE <= position) {
                ByteBuffer zip64 = read(zip, zip64At, ZIP64_END_SIZE);
                if (zip64.getInt(0) == ZIP64_END_SIGNATURE) {
                    // negative as signed: more than any limit, as the unsigned value is
                    return new CentralDirectory(unsigned(zip64.getLong(32)), unsigned(zip64.getLong(40)));
                }
            }
        }
        return new CentralDirectory(entries, bytes);
    }

    private static long unsigned(long value) {
        return value < 0 ? Long.MAX_VALUE : value;
    }

    private static ByteBuffer read(FileChannel zip, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (zip.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the archive ends within its end of central directory");
            }
        }
        return buffer.flip();
    }
}
