package dev.colorize.ingest.service;

import dev.colorize.platform.errors.Refused;
import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ChapterRepository;
import dev.colorize.ingest.persistence.PageColoringRepository;
import dev.colorize.ingest.persistence.PageColoringRow;
import dev.colorize.ingest.persistence.PageRow;
import dev.colorize.platform.coloring.PageFile;
import dev.colorize.platform.coloring.PageOutputs;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.webhook.ChapterWebhook.FailedPage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A chapter's colored pages: one page's result or layer as a presigned URL or its bytes, or all of them as a
 * CBZ (or, with layers, a zip of everything), with failures.json naming each page that failed and why.
 */
@ApplicationScoped
public class ChapterResults {

    /** The archive's report of the pages that were not colored, in page order. */
    public record ArchiveFailures(UUID chapterId, List<FailedPage> failures) {
    }

    static final String FAILURES_ENTRY = "failures.json";

    private final ChapterRepository chapters;
    private final ObjectStore store;
    private final IngestConfig config;
    private final PageColoringRepository colorings;

    public ChapterResults(ChapterRepository chapters, ObjectStore store, IngestConfig config,
            PageColoringRepository colorings) {
        this.chapters = chapters;
        this.store = store;
        this.config = config;
        this.colorings = colorings;
    }

    /**
     * A coloring's colored page: revision 0 is the upload's, 1, 2, ... each recolor's; 404 for a page or revision there
     * is not, 409 while it has no result (queued, or failed).
     */
    public String resultKey(UUID chapterId, int page, int revision) {
        PageRef ref = ref(chapterId, page, revision);
        PageColoringRow coloring = coloring(ref);
        if (coloring.outputs().colored() == null) {
            throw Refused.conflict(ref.recolor() ? "revision-not-done" : "page-not-done", name(ref) + " is "
                    + coloring.state().dbName() + ", it has no result"
                    + (ref.recolor() && coloring.error() != null ? ": " + coloring.error() : ""));
        }
        return coloring.outputs().colored();
    }

    /** A coloring's layer object, as {@link #resultKey}; 409 while it has none (not done, or not asked for). */
    public String layerKey(UUID chapterId, int page, int revision, PageFile layer) {
        PageRef ref = ref(chapterId, page, revision);
        PageColoringRow coloring = coloring(ref);
        String key = coloring.outputs().get(layer);
        if (key == null) {
            boolean done = coloring.state() == PageState.DONE;
            throw Refused.conflict("layer-not-available", name(ref) + " is " + coloring.state().dbName()
                    + " and has no " + layer.pathName() + " layer"
                    + (done && !coloring.request().writes(layer) ? ": the chapter's outputs did not ask for it" : ""));
        }
        return key;
    }

    /** The page's revisions after the upload's, oldest first; 404 when the chapter has no such page. */
    public List<PageColoringRow> revisions(UUID chapterId, int page) {
        coloring(ref(chapterId, page, 0));
        return colorings.ofChapter(chapterId).stream().filter(r -> r.ref().pageNumber() == page && r.ref().recolor())
                .toList();
    }

    /** The page as uploaded (the "before" of the console's comparison): 404 when the chapter has no such page. */
    public String originalKey(UUID chapterId, int page) {
        return chapters.page(chapterId, page).orElseThrow(() -> Refused.notFound("Page " + page))
                .sourceKey();
    }

    /** A page and revision of a URL: numbers no page or revision can have are not found either. */
    private static PageRef ref(UUID chapterId, int page, int revision) {
        if (page < 1 || revision < 0) {
            throw Refused.notFound(revision == 0 ? "Page " + page : "Revision " + revision + " of page " + page);
        }
        return new PageRef(chapterId, page, revision);
    }

    private PageColoringRow coloring(PageRef ref) {
        return colorings.find(ref).orElseThrow(() -> Refused.notFound(name(ref)));
    }

    private static String name(PageRef ref) {
        return ref.recolor() ? "Revision " + ref.revision() + " of page " + ref.pageNumber() : "Page " + ref.pageNumber();
    }

    /** A result's or layer's bytes as the store sends them, copied on without holding them; the caller closes it. */
    public InputStream open(String key) {
        return store.open(key);
    }

    public URI presignedUrl(String key) {
        return URI.create(store.presignedGetUrl(key, config.presignedUrlValidity()));
    }

    /** What a result or layer object is, told by the name the worker gave it. */
    public static String mediaType(String key) {
        if (key.endsWith(".ora")) {
            return PageOutput.OPEN_RASTER_MEDIA_TYPE;
        }
        if (key.endsWith(".psd")) {
            return PageOutput.PHOTOSHOP_MEDIA_TYPE;
        }
        return ImageFormat.ofFileName(key).map(ImageFormat::mediaType).orElse("application/octet-stream");
    }

    /**
     * The chapter's pages in page order; 409 while none has a result or has failed (a chapter whose pages all
     * failed has an archive: its failures.json).
     */
    public List<PageRow> pagesForArchive(UUID chapterId) {
        List<PageRow> pages = chapters.pages(chapterId);
        if (pages.stream().allMatch(p -> p.upload().outputs().colored() == null && p.upload().state() != PageState.FAILED)) {
            throw Refused.conflict("no-results", "No page of this chapter has been colored yet");
        }
        return pages;
    }

    /**
     * The pages' results, one entry per page named by its number (0001.png), each copied from the store as it
     * arrives (neither the archive nor a page is ever held whole); with {@code layers} also each page's layer objects
     * (0001.flats.png, 0001.lines.png, 0001.ora, 0001.psd). failures.json comes last when some page failed.
     */
    public void writeArchive(UUID chapterId, List<PageRow> pages, boolean layers, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.NO_COMPRESSION); // PNG, JPEG, WebP, ORA and PSD are compressed already
            for (PageRow p : pages) {
                PageOutputs outputs = p.upload().outputs();
                for (String key : layers ? outputs.all() : Stream.ofNullable(outputs.colored()).toList()) {
                    zip.putNextEntry(new ZipEntry(entryName(p.pageNumber(), key)));
                    try (InputStream in = store.open(key)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
            List<FailedPage> failures = pages.stream().filter(p -> p.upload().state() == PageState.FAILED)
                    .map(p -> new FailedPage(p.pageNumber(), p.originalName(), p.upload().error())).toList();
            if (!failures.isEmpty()) {
                zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                zip.putNextEntry(new ZipEntry(FAILURES_ENTRY));
                zip.write(MessageCodec.toJson(new ArchiveFailures(chapterId, failures)).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    /** 0001 and what follows the model version in the object's name: results/.../0001-v7.flats.png is 0001.flats.png. */
    static String entryName(int pageNumber, String key) {
        String file = key.substring(key.lastIndexOf('/') + 1);
        return String.format("%04d%s", pageNumber, file.substring(file.indexOf('.')));
    }
}
