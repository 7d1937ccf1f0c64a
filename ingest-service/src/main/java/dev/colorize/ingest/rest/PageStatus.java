package dev.colorize.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colorize.ingest.persistence.PageRevisionRow;
import dev.colorize.ingest.persistence.PageRow;
import dev.colorize.ingest.service.PageLayer;
import java.time.Instant;

/**
 * v1 view of one page: its state, what it is, how long the worker took, why it failed (error), and where its
 * colored page and, when the chapter asked for them, its layers, OpenRaster and Photoshop files are read. State skipped: already
 * in color, passed through unchanged (its result is the uploaded page). forceColor: the publisher asked for it to be
 * colored anyway. originalUrl: the page as uploaded. hinted: the page was uploaded with color hints. revision: the
 * newest recolor asked for (absent before any), revisionState its state (queued, done, failed) and revisionUrl where
 * it is read once done; resultUrl stays the upload's coloring (revision 0).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageStatus(int pageNumber, String state, String originalName, String sourceFormat, int width,
        int height, long byteSize, Integer modelVersion, String error, Long inferenceMs, Instant queuedAt,
        Instant finishedAt, String originalUrl, String resultUrl, String flatsUrl, String linesUrl, String oraUrl,
        String psdUrl, Boolean forceColor, Boolean hinted, Integer revision, String revisionState, String revisionUrl) {

    /** @param newest the page's newest revision, null before any recolor */
    static PageStatus of(PageRow p, PageRevisionRow newest, String chapterPath) {
        String pagePath = chapterPath + "/pages/" + p.pageNumber();
        return new PageStatus(p.pageNumber(), p.state(), p.originalName(), p.sourceFormat(), p.width(), p.height(),
                p.byteSize(), p.modelVersion(), p.error(), p.inferenceMs(), p.queuedAt(), p.finishedAt(),
                pagePath + "/original",
                p.resultKey() != null ? pagePath + "/result" : null,
                p.flatsKey() == null ? null : pagePath + "/layers/" + PageLayer.FLATS.pathName(),
                p.linesKey() == null ? null : pagePath + "/layers/" + PageLayer.LINES.pathName(),
                p.oraKey() == null ? null : pagePath + "/layers/" + PageLayer.ORA.pathName(),
                p.psdKey() == null ? null : pagePath + "/layers/" + PageLayer.PSD.pathName(),
                p.forceColor() ? Boolean.TRUE : null, p.hinted() ? Boolean.TRUE : null,
                newest == null ? null : newest.revision(), newest == null ? null : newest.state(),
                newest == null || newest.resultKey() == null ? null : pagePath + "/revisions/" + newest.revision());
    }
}
