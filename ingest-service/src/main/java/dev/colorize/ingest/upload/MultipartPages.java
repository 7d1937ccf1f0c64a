package dev.colorize.ingest.upload;

import dev.colorize.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The pages of a multipart upload, inspected: repeated 'pages' parts in part order, or one 'archive' part
 * (CBZ/ZIP) read by {@link ArchiveReader}. Names, the page count and sizes are checked before a byte is read,
 * so an oversized part is refused without reading it; pages are then read from the files Quarkus spooled,
 * never loaded whole into memory.
 */
@ApplicationScoped
public class MultipartPages {

    private static final String ARCHIVE_PART = "archive";
    private static final String PAGES_PART = "pages";

    private final ArchiveReader archives;
    private final PageInspector inspector;
    private final PageLimits pageLimits;
    private final IngestConfig.Upload limits;

    public MultipartPages(ArchiveReader archives, PageInspector inspector, PageLimits pageLimits, IngestConfig config) {
        this.archives = archives;
        this.inspector = inspector;
        this.pageLimits = pageLimits;
        this.limits = config.upload();
    }

    /** Each part as "name/file name/size", in request order: what the request sent, without reading it. */
    public static List<String> describe(List<FileUpload> files) {
        return files.stream().map(f -> f.name() + "/" + f.fileName() + "/" + f.size()).toList();
    }

    public UploadedPages read(List<FileUpload> files) {
        List<FileUpload> archive = files.stream().filter(f -> ARCHIVE_PART.equals(f.name())).toList();
        List<FileUpload> pages = files.stream().filter(f -> PAGES_PART.equals(f.name())).toList();
        if (archive.size() + pages.size() != files.size()) {
            throw PageRejectedException.invalid("unknown-part", null, null,
                    "File parts are named '" + PAGES_PART + "' (one per page) or '" + ARCHIVE_PART + "'");
        }
        if (archive.isEmpty()) {
            return new UploadedPages(pages(pages), null);
        }
        if (archive.size() > 1 || !pages.isEmpty()) {
            throw PageRejectedException.invalid("mixed-upload", null, null,
                    "Send either one archive or page images, not both");
        }
        return archive(archive.get(0));
    }

    private UploadedPages archive(FileUpload zip) {
        PageFileNames.check(zip.fileName(), null, "The archive (part '" + ARCHIVE_PART + "')");
        if (zip.size() > limits.maxArchiveBytes()) {
            throw PageRejectedException.tooLarge("archive-too-large", null, zip.fileName(), "The archive has "
                    + zip.size() + " bytes, more than the limit of " + limits.maxArchiveBytes());
        }
        Path spool = UploadedPages.newSpool(zip.uploadedFile());
        try {
            return new UploadedPages(archives.read(zip.uploadedFile(), zip.fileName(), spool), spool);
        } catch (RuntimeException e) {
            UploadedPages.delete(spool);
            throw e;
        }
    }

    private List<InspectedPage> pages(List<FileUpload> pages) {
        pageLimits.checkCount(pages.size());
        for (int number = 1; number <= pages.size(); number++) {
            FileUpload page = pages.get(number - 1);
            PageFileNames.check(page.fileName(), number, "Page " + number + " (part '" + PAGES_PART + "')");
            if (page.size() > limits.maxPageBytes()) {
                throw PageRejectedException.tooLarge("page-too-large", number, page.fileName(), "Page " + number
                        + " has " + page.size() + " bytes, more than the limit of " + limits.maxPageBytes());
            }
        }
        List<InspectedPage> inspected = new ArrayList<>(pages.size());
        for (FileUpload page : pages) {
            inspected.add(inspector.inspect(inspected.size() + 1,
                    new PageSource(page.fileName(), page.uploadedFile(), page.size())));
        }
        return inspected;
    }
}
