package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ChapterRepository;
import dev.colorize.ingest.persistence.PageRow;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.rest.ApiProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A chapter's colored pages: one page's result as a presigned URL or its bytes, or all of them as a CBZ. */
@ApplicationScoped
public class ChapterResults {

    private final ChapterRepository chapters;
    private final ObjectStore store;
    private final IngestConfig config;

    public ChapterResults(ChapterRepository chapters, ObjectStore store, IngestConfig config) {
        this.chapters = chapters;
        this.store = store;
        this.config = config;
    }

    /** The page's result object: 404 when the chapter has no such page, 409 while the page has no result. */
    public String resultKey(UUID chapterId, int page) {
        PageRow p = chapters.page(chapterId, page).orElseThrow(() -> ApiProblemException.notFound("Page " + page));
        if (p.resultKey() == null) {
            throw ApiProblemException.conflict("page-not-done", "Page " + page + " is " + p.state() + ", it has no result");
        }
        return p.resultKey();
    }

    public URI presignedUrl(String resultKey) {
        return URI.create(store.presignedGetUrl(resultKey, config.presignedUrlValidity()));
    }

    /** The result's bytes as the store sends them, copied on without holding them; the caller closes it. */
    public InputStream open(String resultKey) {
        return store.open(resultKey);
    }

    /** The pages that have a result, in page order; 409 while none has. */
    public List<PageRow> coloredPages(UUID chapterId) {
        List<PageRow> colored = chapters.pages(chapterId).stream().filter(p -> p.resultKey() != null).toList();
        if (colored.isEmpty()) {
            throw ApiProblemException.conflict("no-results", "No page of this chapter has been colored yet");
        }
        return colored;
    }

    /**
     * A CBZ of the pages' results, one entry per page named by its number (0001.png), each copied from the
     * store as it arrives: neither the archive nor a page is ever held whole.
     */
    public void writeArchive(List<PageRow> pages, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.NO_COMPRESSION); // PNG and JPEG are compressed already
            for (PageRow p : pages) {
                String extension = p.resultKey().substring(p.resultKey().lastIndexOf('.') + 1);
                zip.putNextEntry(new ZipEntry(String.format("%04d.%s", p.pageNumber(), extension)));
                try (InputStream in = store.open(p.resultKey())) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }
}
