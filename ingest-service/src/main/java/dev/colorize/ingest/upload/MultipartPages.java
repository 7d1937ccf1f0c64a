package dev.colorize.ingest.upload;

import dev.colorize.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The pages of a multipart upload: repeated 'pages' parts in part order, or one 'archive' part (CBZ/ZIP)
 * read by {@link ArchiveReader}. Names and sizes are checked before a byte is read, so an oversized part
 * is refused without loading it.
 */
@ApplicationScoped
public class MultipartPages {

    private static final String ARCHIVE_PART = "archive";
    private static final String PAGES_PART = "pages";

    private final ArchiveReader archives;
    private final IngestConfig.Upload limits;

    public MultipartPages(ArchiveReader archives, IngestConfig config) {
        this.archives = archives;
        this.limits = config.upload();
    }

    /** Each part as "name/file name/size", in request order: what the request sent, without reading it. */
    public static List<String> describe(List<FileUpload> files) {
        return files.stream().map(f -> f.name() + "/" + f.fileName() + "/" + f.size()).toList();
    }

    public List<PageSource> read(List<FileUpload> files) {
        List<FileUpload> archive = files.stream().filter(f -> ARCHIVE_PART.equals(f.name())).toList();
        List<FileUpload> pages = files.stream().filter(f -> PAGES_PART.equals(f.name())).toList();
        if (archive.size() + pages.size() != files.size()) {
            throw PageRejectedException.invalid("unknown-part", null, null,
                    "File parts are named '" + PAGES_PART + "' (one per page) or '" + ARCHIVE_PART + "'");
        }
        if (archive.isEmpty()) {
            return pages(pages);
        }
        if (archive.size() > 1 || !pages.isEmpty()) {
            throw PageRejectedException.invalid("mixed-upload", null, null,
                    "Send either one archive or page images, not both");
        }
        return archive(archive.get(0));
    }

    private List<PageSource> archive(FileUpload zip) {
        PageFileNames.check(zip.fileName(), null, "The archive (part '" + ARCHIVE_PART + "')");
        if (zip.size() > limits.maxArchiveBytes()) {
            throw PageRejectedException.tooLarge("archive-too-large", null, zip.fileName(), "The archive has "
                    + zip.size() + " bytes, more than the limit of " + limits.maxArchiveBytes());
        }
        return archives.read(zip.uploadedFile(), zip.fileName());
    }

    private List<PageSource> pages(List<FileUpload> pages) {
        List<PageSource> sources = new ArrayList<>(pages.size());
        for (FileUpload page : pages) {
            int number = sources.size() + 1;
            PageFileNames.check(page.fileName(), number, "Page " + number + " (part '" + PAGES_PART + "')");
            if (page.size() > limits.maxPageBytes()) {
                throw PageRejectedException.tooLarge("page-too-large", number, page.fileName(), "Page " + number
                        + " has " + page.size() + " bytes, more than the limit of " + limits.maxPageBytes());
            }
            try {
                sources.add(new PageSource(page.fileName(), Files.readAllBytes(page.uploadedFile())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }
}
