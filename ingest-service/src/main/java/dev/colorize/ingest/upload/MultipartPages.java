package dev.colorize.ingest.upload;

import dev.colorize.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The pages of a multipart upload, inspected: repeated 'pages' parts in part order, or one 'archive' part
 * (CBZ/ZIP) read by {@link ArchiveReader}; color hints as 'hints' parts named after their pages
 * ({@link HintFileNames}: {@code 2.hints.png} or {@code 2.hints.json} for the page {@code 2.png}), with either. Names, the page count and sizes are checked before a byte is read,
 * so an oversized part is refused without reading it; pages are then read from the files Quarkus spooled,
 * never loaded whole into memory. The parts' bytes and the archive's inflated entries are held in the service's
 * {@link SpoolBudget} while the upload is in work ({@link UploadSpool}, closed with the {@link UploadedPages}).
 */
@ApplicationScoped
public class MultipartPages {

    private static final String ARCHIVE_PART = "archive";
    private static final String PAGES_PART = "pages";
    private static final String HINTS_PART = "hints";

    private final ArchiveReader archives;
    private final PageInspector inspector;
    private final PageLimits pageLimits;
    private final HintInspector hints;
    private final IngestConfig.Upload limits;
    private final SpoolBudget budget;
    private final SpoolFolders folders;

    public MultipartPages(ArchiveReader archives, PageInspector inspector, PageLimits pageLimits, HintInspector hints,
            IngestConfig config, SpoolBudget budget, SpoolFolders folders) {
        this.budget = budget;
        this.folders = folders;
        this.archives = archives;
        this.inspector = inspector;
        this.pageLimits = pageLimits;
        this.hints = hints;
        this.limits = config.upload();
    }

    /** Each part as "name/file name/size", in request order: what the request sent, without reading it. */
    public static List<String> describe(List<FileUpload> files) {
        return files.stream().map(f -> f.name() + "/" + f.fileName() + "/" + f.size()).toList();
    }

    public UploadedPages read(List<FileUpload> files) {
        List<FileUpload> archive = files.stream().filter(f -> ARCHIVE_PART.equals(f.name())).toList();
        List<FileUpload> pages = files.stream().filter(f -> PAGES_PART.equals(f.name())).toList();
        List<FileUpload> hintParts = files.stream().filter(f -> HINTS_PART.equals(f.name())).toList();
        if (archive.size() + pages.size() + hintParts.size() != files.size()) {
            throw PageRejectedException.invalid("unknown-part", null, null, "File parts are named '" + PAGES_PART
                    + "' (one per page), '" + ARCHIVE_PART + "' or '" + HINTS_PART + "' (color hints of a page)");
        }
        if (!archive.isEmpty() && (archive.size() > 1 || !pages.isEmpty())) {
            throw PageRejectedException.invalid("mixed-upload", null, null,
                    "Send either one archive or page images, not both");
        }
        if (!archive.isEmpty() && !hintParts.isEmpty()) {
            throw PageRejectedException.invalid("mixed-upload", null, null,
                    "Put the hints of an archive's pages inside the archive, beside them (001.hints.png for 001.png)");
        }
        UploadSpool spool = new UploadSpool(budget, folders);
        try {
            if (archive.isEmpty()) {
                List<InspectedPage> inspected = pages(pages, hintParts, spool);
                return new UploadedPages(inspected, HintMatcher.match(inspected, hintSources(hintParts), hints), spool);
            }
            return archive(archive.get(0), spool);
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    private static List<PageSource> hintSources(List<FileUpload> parts) {
        List<PageSource> sources = new ArrayList<>(parts.size());
        for (FileUpload part : parts) {
            PageFileNames.check(part.fileName(), null, "The hint file (part '" + HINTS_PART + "')");
            sources.add(new PageSource(part.fileName(), part.uploadedFile(), part.size()));
        }
        return sources;
    }

    private UploadedPages archive(FileUpload zip, UploadSpool spool) {
        PageFileNames.check(zip.fileName(), null, "The archive (part '" + ARCHIVE_PART + "')");
        if (zip.size() > limits.maxArchiveBytes()) {
            throw PageRejectedException.tooLarge("archive-too-large", null, zip.fileName(), "The archive has "
                    + zip.size() + " bytes, more than the limit of " + limits.maxArchiveBytes());
        }
        spool.hold(zip.size(), zip.fileName());
        ArchiveReader.Contents contents = archives.read(zip.uploadedFile(), zip.fileName(), spool);
        return new UploadedPages(contents.pages(), contents.hints(), spool);
    }

    private List<InspectedPage> pages(List<FileUpload> pages, List<FileUpload> hintParts, UploadSpool spool) {
        pageLimits.checkCount(pages.size());
        for (int number = 1; number <= pages.size(); number++) {
            FileUpload page = pages.get(number - 1);
            PageFileNames.check(page.fileName(), number, "Page " + number + " (part '" + PAGES_PART + "')");
            if (page.size() > limits.maxPageBytes()) {
                throw PageRejectedException.tooLarge("page-too-large", number, page.fileName(), "Page " + number
                        + " has " + page.size() + " bytes, more than the limit of " + limits.maxPageBytes());
            }
        }
        holdSpooled(pages, spool);
        holdSpooled(hintParts, spool);
        List<InspectedPage> inspected = new ArrayList<>(pages.size());
        for (FileUpload page : pages) {
            inspected.add(inspector.inspect(inspected.size() + 1,
                    new PageSource(page.fileName(), page.uploadedFile(), page.size())));
        }
        return inspected;
    }

    /**
     * Parts are on the spool disk already (Quarkus spooled them): once they pass the limits, which answer for good,
     * they hold their bytes while the upload is in work.
     */
    private static void holdSpooled(List<FileUpload> parts, UploadSpool spool) {
        for (FileUpload part : parts) {
            spool.hold(part.size(), part.fileName());
        }
    }
}
