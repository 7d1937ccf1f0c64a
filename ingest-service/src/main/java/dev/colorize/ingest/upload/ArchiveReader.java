package dev.colorize.ingest.upload;

import dev.colorize.platform.errors.Refused;
import dev.colorize.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the pages of a CBZ/ZIP defensively: the entry count and the central directory's size are judged from the
 * end-of-central-directory record ({@link CentralDirectory}) before the archive is opened, as opening reads the whole
 * central directory into the heap; names and the page count are checked from the central directory before anything
 * is inflated. Each page entry is then inflated into the upload's spool folder ({@link UploadSpool}, its bytes taken
 * from the service's {@link SpoolBudget} as they come) and inspected before the next: its header is read from its
 * first bytes and refused by format or dimensions before the rest is inflated, and inflation counts the bytes really produced (never the sizes
 * the archive declares) against what that header allows ({@link PageLimits#maxBytes}) and the archive's
 * total, so a zip bomb stops early and nothing of an entry is ever held in memory.
 * Entries that are not images by name (ComicInfo.xml, __MACOSX/, dot files, folders) are skipped;
 * image entries are then judged by content like any page. Pages come in natural file name order; their
 * names must pass {@link PageFileNames} first. Hint files ({@link HintFileNames}: {@code 001.hints.png},
 * {@code 001.hints.json} beside {@code 001.png}) are not pages: they are inflated after the pages, within the same
 * totals, and checked against the page they name ({@link HintInspector}).
 */
@ApplicationScoped
public class ArchiveReader {

    private static final int BUFFER = 64 << 10;
    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".webp");

    private final IngestConfig.Upload limits;
    private final PageLimits pageLimits;
    private final PageInspector inspector;
    private final HintInspector hintInspector;

    /** The pages of an archive and the hints beside them, inspected. */
    public record Contents(List<InspectedPage> pages, List<PageHint> hints) {
    }

    public ArchiveReader(IngestConfig config, PageLimits pageLimits, PageInspector inspector, HintInspector hints) {
        this.limits = config.upload();
        this.pageLimits = pageLimits;
        this.inspector = inspector;
        this.hintInspector = hints;
    }

    /**
     * The archive's pages and hints, inspected, inflated into the upload's spool, whose budget each entry's bytes are
     * taken from before they are written (the caller closes the spool, also when this throws).
     */
    public Contents read(Path archive, String archiveName, UploadSpool spool) {
        List<InspectedPage> pages = new ArrayList<>();
        List<PageSource> hints = new ArrayList<>();
        try {
            checkDirectory(CentralDirectory.read(archive), archiveName);
        } catch (IOException e) {
            throw PageRejectedException.invalid("invalid-archive", null, archiveName, "Not a readable ZIP/CBZ archive: "
                    + e.getMessage());
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            if (zip.size() > limits.maxArchiveEntries()) {
                throw tooManyEntries(zip.size(), archiveName);
            }
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            for (ZipEntry entry : entries) {
                checkName(entry.getName());
            }
            List<ZipEntry> images = new ArrayList<>();
            List<ZipEntry> hintEntries = new ArrayList<>();
            for (ZipEntry entry : entries) {
                if (isHint(entry)) {
                    PageFileNames.check(entry.getName(), null, "The archive entry");
                    hintEntries.add(entry);
                } else if (isPage(entry)) {
                    // before sorting, which compares each name many times; skipped entries (e.g. macOS's
                    // "Icon\r") are neither sorted nor stored, so their names do not matter
                    PageFileNames.check(entry.getName(), null, "The archive entry");
                    images.add(entry);
                }
            }
            pageLimits.checkCount(images.size());
            images.sort(Comparator.comparing(ZipEntry::getName, NaturalOrder.INSTANCE));
            long total = 0;
            byte[] buffer = new byte[BUFFER];
            for (ZipEntry entry : images) {
                int number = pages.size() + 1;
                UploadSpool.SpoolFile file = spool.create(number + ".page", archiveName);
                long size = inflate(zip, entry, number, file, limits.maxArchiveUncompressedBytes() - total, buffer);
                total += size;
                pages.add(inspector.inspect(number, new PageSource(entry.getName(), file.path(), size)));
            }
            for (ZipEntry entry : hintEntries) {
                UploadSpool.SpoolFile file = spool.create((hints.size() + 1) + ".hint", archiveName);
                long size = inflateHint(zip, entry, file, limits.maxArchiveUncompressedBytes() - total, buffer);
                total += size;
                hints.add(new PageSource(entry.getName(), file.path(), size));
            }
        } catch (ZipException e) {
            throw PageRejectedException.invalid("invalid-archive", null, archiveName, "Not a readable ZIP/CBZ archive: "
                    + e.getMessage());
        } catch (IOException e) {
            throw PageRejectedException.invalid("invalid-archive", null, archiveName, "Cannot read the archive: "
                    + e.getMessage());
        }
        return new Contents(pages, HintMatcher.match(pages, hints, hintInspector));
    }

    private void checkDirectory(CentralDirectory directory, String archiveName) {
        if (directory.entries() > limits.maxArchiveEntries()) {
            throw tooManyEntries(directory.entries(), archiveName);
        }
        if (directory.bytes() > limits.maxArchiveDirectoryBytes()) {
            throw PageRejectedException.tooLarge("archive-directory-too-large", null, archiveName, "The archive's "
                    + "central directory has " + directory.bytes() + " bytes, more than the limit of "
                    + limits.maxArchiveDirectoryBytes());
        }
    }

    private Refused tooManyEntries(long entries, String archiveName) {
        return PageRejectedException.tooLarge("too-many-entries", null, archiveName, "The archive has " + entries
                + " entries, more than the limit of " + limits.maxArchiveEntries());
    }

    /** Refuses names that would escape a folder when extracted: absolute, drive-letter, or with "..". */
    private static void checkName(String name) {
        String normalized = name.replace('\\', '/');
        boolean escapes = normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")
                || List.of(normalized.split("/")).contains("..");
        if (escapes) {
            throw PageRejectedException.invalid("path-traversal", null, name,
                    "The archive entry " + name + " points outside the archive");
        }
    }

    private static boolean isPage(ZipEntry entry) {
        String base = baseName(entry);
        return isContent(entry) && IMAGE_EXTENSIONS.stream().anyMatch(base::endsWith);
    }

    private static boolean isHint(ZipEntry entry) {
        return isContent(entry) && HintFileNames.isHintFile(baseName(entry));
    }

    /** Not a folder, nor macOS's metadata, nor a dot file. */
    private static boolean isContent(ZipEntry entry) {
        String name = entry.getName().replace('\\', '/');
        return !entry.isDirectory() && !name.startsWith("__MACOSX/") && !baseName(entry).startsWith(".");
    }

    private static String baseName(ZipEntry entry) {
        String name = entry.getName().replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Inflates a hint entry into file, as far as a hint may be: a hint image as far as a page (max-page-bytes), points
     * as far as max-json-bytes, and never beyond the archive's total; their content is judged once inflated (and file
     * closed).
     */
    private long inflateHint(ZipFile zip, ZipEntry entry, UploadSpool.SpoolFile file, long totalLeft, byte[] buffer)
            throws IOException {
        boolean points = HintFileNames.parse(entry.getName()).orElseThrow().points();
        long limit = Math.min(points ? limits.hints().maxJsonBytes() : limits.maxPageBytes(), totalLeft);
        try (file; InputStream in = zip.getInputStream(entry)) {
            long size = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                size += n;
                if (size > limit) {
                    throw PageRejectedException.tooLarge("hints-too-large", null, entry.getName(), "The archive entry "
                            + entry.getName() + " inflates to more than " + limit + " bytes");
                }
                file.write(buffer, n);
            }
            return size;
        }
    }

    /**
     * Inflates one entry into file (and closes it), refusing it by its header first, then as soon as it passes its
     * byte limit.
     */
    private long inflate(ZipFile zip, ZipEntry entry, int pageNumber, UploadSpool.SpoolFile file, long totalLeft,
            byte[] buffer) throws IOException {
        try (file; InputStream in = zip.getInputStream(entry)) {
            PageLimits.Head head = pageLimits.head(pageNumber, entry.getName(), in);
            long limit = Math.min(pageLimits.maxBytes(head.header()), totalLeft);
            long size = head.length();
            if (size > limit) {
                throw inflatesTooFar(entry, pageNumber, head, totalLeft);
            }
            file.write(head.bytes(), head.length());
            int n;
            while ((n = in.read(buffer)) >= 0) {
                size += n;
                if (size > limit) {
                    throw inflatesTooFar(entry, pageNumber, head, totalLeft);
                }
                file.write(buffer, n);
            }
            return size;
        }
    }

    private Refused inflatesTooFar(ZipEntry entry, int pageNumber, PageLimits.Head head, long totalLeft) {
        String which = pageLimits.maxBytes(head.header()) <= totalLeft
                ? "more than " + pageLimits.describeMaxBytes(head.header())
                : "beyond the archive's uncompressed limit of " + limits.maxArchiveUncompressedBytes() + " bytes";
        return PageRejectedException.tooLarge("archive-too-large", pageNumber, entry.getName(),
                "The archive entry " + entry.getName() + " inflates to " + which);
    }
}
