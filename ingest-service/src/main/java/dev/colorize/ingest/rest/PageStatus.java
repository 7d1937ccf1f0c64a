package dev.colorize.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colorize.ingest.persistence.PageColoringRow;
import dev.colorize.ingest.persistence.PageRow;
import dev.colorize.platform.coloring.PageFile;
import dev.colorize.platform.coloring.ReferenceUse;
import java.time.Instant;

/**
 * v1 view of one page: its state, what it is, how long the worker took, why it failed (error), and where its
 * colored page and, when the chapter asked for them, its layers, OpenRaster and Photoshop files are read. State skipped: already
 * in color, passed through unchanged (its result is the uploaded page). forceColor: the publisher asked for it to be
 * colored anyway. originalUrl: the page as uploaded. hinted: the page was uploaded with color hints. revision: the
 * newest recolor asked for (absent before any), revisionState its state (queued, done, failed) and revisionUrl where
 * it is read once done; resultUrl stays the upload's coloring (revision 0). references: when the page's series had
 * reference art, how many of the page's regions followed it ({"regions":40,"followed":12}), absent otherwise;
 * revisionReferences the same of the newest revision.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageStatus(int pageNumber, String state, String originalName, String sourceFormat, int width,
        int height, long byteSize, Integer modelVersion, String error, Long inferenceMs, Instant queuedAt,
        Instant finishedAt, String originalUrl, String resultUrl, String flatsUrl, String linesUrl, String oraUrl,
        String psdUrl, Boolean forceColor, Boolean hinted, Integer revision, String revisionState, String revisionUrl,
        ReferenceUse references, ReferenceUse revisionReferences) {

    /** @param newest the page's newest revision, null before any recolor */
    static PageStatus of(PageRow p, PageColoringRow newest, String chapterPath) {
        String pagePath = chapterPath + "/pages/" + p.pageNumber();
        PageColoringRow upload = p.upload();
        return new PageStatus(p.pageNumber(), upload.state().dbName(), p.originalName(), p.sourceFormat(), p.width(),
                p.height(), p.byteSize(), upload.modelVersion(), upload.error(), upload.inferenceMs(), p.queuedAt(),
                upload.finishedAt(), pagePath + "/original",
                upload.outputs().colored() != null ? pagePath + "/result" : null,
                layerUrl(upload, PageFile.FLATS, pagePath), layerUrl(upload, PageFile.LINES, pagePath),
                layerUrl(upload, PageFile.ORA, pagePath), layerUrl(upload, PageFile.PSD, pagePath),
                upload.request().forceColor() ? Boolean.TRUE : null, upload.request().hasHints() ? Boolean.TRUE : null,
                newest == null ? null : newest.ref().revision(), newest == null ? null : newest.state().dbName(),
                newest == null || newest.outputs().colored() == null ? null
                        : pagePath + "/revisions/" + newest.ref().revision(),
                upload.referenceUse(), newest == null ? null : newest.referenceUse());
    }

    private static String layerUrl(PageColoringRow coloring, PageFile layer, String pagePath) {
        return coloring.outputs().get(layer) == null ? null : pagePath + "/layers/" + layer.pathName();
    }
}
