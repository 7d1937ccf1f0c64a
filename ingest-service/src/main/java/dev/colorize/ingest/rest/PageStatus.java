package dev.colorize.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colorize.ingest.persistence.PageRow;
import java.time.Instant;

/**
 * v1 view of one page: its state, what it is, and how long the worker took. State skipped: already in color, passed
 * through unchanged (its result is the uploaded page). forceColor: the publisher asked for it to be colored anyway.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageStatus(int pageNumber, String state, String originalName, String sourceFormat, int width,
        int height, long byteSize, Integer modelVersion, String error, Long inferenceMs, Instant queuedAt,
        Instant finishedAt, String resultUrl, Boolean forceColor) {

    static PageStatus of(PageRow p, String chapterPath) {
        return new PageStatus(p.pageNumber(), p.state(), p.originalName(), p.sourceFormat(), p.width(), p.height(),
                p.byteSize(), p.modelVersion(), p.error(), p.inferenceMs(), p.queuedAt(), p.finishedAt(),
                p.resultKey() != null ? chapterPath + "/pages/" + p.pageNumber() + "/result" : null,
                p.forceColor() ? Boolean.TRUE : null);
    }
}
