package dev.colorize.ingest.upload;

import dev.colorize.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
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
 * Reads the pages of a CBZ/ZIP defensively: entry count and names are checked from the central
 * directory before anything is inflated, and inflation counts the bytes really produced (never the
 * sizes the archive declares) against the per-page and total limits, so a zip bomb stops early.
 * Entries that are not images by name (ComicInfo.xml, __MACOSX/, dot files, folders) are skipped;
 * image entries are then judged by content like any page. Pages come in natural file name order; their
 * names must pass {@link PageFileNames} first.
 */
@ApplicationScoped
public class ArchiveReader {

    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".webp");

    private final IngestConfig.Upload limits;

    public ArchiveReader(IngestConfig config) {
        this.limits = config.upload();
    }

    public List<PageSource> read(Path archive, String archiveName) {
        List<PageSource> pages = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            if (zip.size() > limits.maxArchiveEntries()) {
                throw PageRejectedException.tooLarge("too-many-entries", null, archiveName, "The archive has "
                        + zip.size() + " entries, more than the limit of " + limits.maxArchiveEntries());
            }
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            for (ZipEntry entry : entries) {
                checkName(entry.getName());
            }
            List<ZipEntry> images = new ArrayList<>();
            for (ZipEntry entry : entries) {
                if (isPage(entry)) {
                    // before sorting, which compares each name many times; skipped entries (e.g. macOS's
                    // "Icon\r") are neither sorted nor stored, so their names do not matter
                    PageFileNames.check(entry.getName(), null, "The archive entry");
                    images.add(entry);
                }
            }
            images.sort(Comparator.comparing(ZipEntry::getName, NaturalOrder.INSTANCE));
            long total = 0;
            for (ZipEntry entry : images) {
                byte[] bytes = inflate(zip, entry, pages.size() + 1, limits.maxArchiveUncompressedBytes() - total);
                total += bytes.length;
                pages.add(new PageSource(entry.getName(), bytes));
            }
        } catch (ZipException e) {
            throw PageRejectedException.invalid("invalid-archive", null, archiveName, "Not a readable ZIP/CBZ archive: "
                    + e.getMessage());
        } catch (IOException e) {
            throw PageRejectedException.invalid("invalid-archive", null, archiveName, "Cannot read the archive: "
                    + e.getMessage());
        }
        return pages;
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
        String name = entry.getName().replace('\\', '/');
        String base = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return !entry.isDirectory() && !name.startsWith("__MACOSX/") && !base.startsWith(".")
                && IMAGE_EXTENSIONS.stream().anyMatch(base::endsWith);
    }

    private byte[] inflate(ZipFile zip, ZipEntry entry, int pageNumber, long totalLeft) throws IOException {
        long limit = Math.min(limits.maxPageBytes(), totalLeft);
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Math.max(entry.getSize(), 8192), Math.min(limit + 1, 64L << 20)));
        byte[] buffer = new byte[65536];
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > limit) {
                    String which = limit == limits.maxPageBytes()
                            ? "more than the per-page limit of " + limits.maxPageBytes() + " bytes"
                            : "beyond the archive's uncompressed limit of " + limits.maxArchiveUncompressedBytes() + " bytes";
                    throw PageRejectedException.tooLarge("archive-too-large", pageNumber, entry.getName(),
                            "The archive entry " + entry.getName() + " inflates to " + which);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }
}
