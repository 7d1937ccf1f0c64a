package dev.colorize.ingest.upload;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.platform.image.ImageHeader;
import dev.colorize.platform.image.UnreadableImageHeaderException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * What a chapter and each of its pages may be, judged as early as possible: the page count before any page
 * is read, and a page's header (format and dimensions, by {@link ImageHeader}) from its first bytes, before
 * the rest is read. The header then bounds the page's bytes: at most max-page-bytes, and at most what its own
 * pixels can take ({@link #maxBytes}), so a page that declares 100x100 pixels cannot bring 30 MB of anything.
 */
@ApplicationScoped
public class PageLimits {

    /** Bytes read at most to find a header: a JPEG's metadata segments (EXIF, ICC, XMP) precede its frame header. */
    static final int HEADER_WINDOW = 1 << 20;
    /** Metadata a page may carry besides its pixels (ICC profile, EXIF, XMP, text chunks). */
    static final long METADATA_SLACK = 1 << 20;
    /** PNG, JPEG and WebP never need more than the raw pixels; twice that leaves room for encoder overhead. */
    static final int ENCODED_PER_DECODED_BYTE = 2;
    /** What is read first: every PNG and WebP header, and the JPEG headers of almost every page. */
    private static final int FIRST_LOOK = 64 << 10;

    /** A page's header and the first bytes it was read from (bytes[0, length)), which the caller still owns. */
    public record Head(ImageHeader header, byte[] bytes, int length) {
    }

    private final IngestConfig.Upload limits;

    public PageLimits(IngestConfig config) {
        this.limits = config.upload();
    }

    /** Refuses a chapter with no pages or more than max-pages, before any page is read. */
    public void checkCount(int pages) {
        if (pages == 0) {
            throw PageRejectedException.invalid("empty-chapter", null, null, "The chapter has no pages");
        }
        if (pages > limits.maxPages()) {
            throw PageRejectedException.tooLarge("too-many-pages", null, null, "The chapter has " + pages
                    + " pages, more than the limit of " + limits.maxPages());
        }
    }

    /**
     * Reads the page's first bytes (64 KiB, up to {@link #HEADER_WINDOW} for a JPEG with much metadata) and its
     * header from them; refuses an empty page, one that is no PNG, JPEG or WebP, one whose header is unreadable,
     * one with more pixels than max-page-pixels, and one longer than max-page-aspect times its width (or the reverse).
     */
    public Head head(int page, String fileName, InputStream in) throws IOException {
        byte[] window = new byte[FIRST_LOOK];
        int length = in.readNBytes(window, 0, window.length);
        if (length == 0) {
            throw PageRejectedException.invalid("empty-page", page, fileName, "Page " + page + " is empty");
        }
        byte[] first = Arrays.copyOf(window, length);
        if (ImageFormat.sniff(first).isEmpty()) {
            throw PageRejectedException.invalid("unsupported-format", page, fileName, "Page " + page
                    + " is not a PNG, JPEG or WebP image (judged by its content, not its name)");
        }
        while (true) {
            try {
                ImageHeader header = ImageHeader.read(length == window.length ? window : Arrays.copyOf(window, length));
                checkSize(page, fileName, header);
                return new Head(header, window, length);
            } catch (UnreadableImageHeaderException e) {
                if (length < window.length || window.length >= HEADER_WINDOW) {
                    String where = length < window.length ? "" : " within its first " + HEADER_WINDOW + " bytes";
                    throw PageRejectedException.invalid("corrupt-image", page, fileName, "Page " + page
                            + " is a truncated or corrupt image" + where + ": " + e.getMessage());
                }
                window = Arrays.copyOf(window, Math.min(window.length * 4, HEADER_WINDOW));
                length += in.readNBytes(window, length, window.length - length);
            }
        }
    }

    /** The most bytes a page with this header may have: max-page-bytes, or less when its pixels take less. */
    public long maxBytes(ImageHeader header) {
        return Math.min(limits.maxPageBytes(), byPixels(header));
    }

    /** Says which limit a page of more than {@link #maxBytes} bytes passed, for its problem's detail. */
    public String describeMaxBytes(ImageHeader header) {
        long byPixels = byPixels(header);
        return byPixels < limits.maxPageBytes()
                ? byPixels + " bytes, what a " + header.width() + "x" + header.height() + " " + header.format()
                        + " may take (" + ENCODED_PER_DECODED_BYTE + " x its " + header.decodedBytes()
                        + " decoded bytes + " + METADATA_SLACK + " for metadata)"
                : "the limit of " + limits.maxPageBytes() + " bytes";
    }

    private static long byPixels(ImageHeader header) {
        return ENCODED_PER_DECODED_BYTE * header.decodedBytes() + METADATA_SLACK;
    }

    private void checkSize(int page, String fileName, ImageHeader header) {
        if (header.pixels() > limits.maxPagePixels()) {
            throw PageRejectedException.tooLarge("too-many-pixels", page, fileName, "Page " + page + " is "
                    + header.width() + "x" + header.height() + " = " + header.pixels()
                    + " pixels, more than the limit of " + limits.maxPagePixels());
        }
        int longSide = Math.max(header.width(), header.height());
        int shortSide = Math.min(header.width(), header.height());
        if (longSide > (long) limits.maxPageAspect() * shortSide) {
            throw PageRejectedException.tooLarge("page-too-long", page, fileName, "Page " + page + " is "
                    + header.width() + "x" + header.height() + ", more than " + limits.maxPageAspect()
                    + " times longer than wide: the worker's tiles of a strip grow with its aspect");
        }
    }
}
