package dev.colorize.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colorize.ingest.persistence.PageRow;
import java.time.Instant;

/** v1 view of one page: its state, what it is, and how long the worker took. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageStatus(int pageNumber, String state, String originalName, String sourceFormat, int width,
        int height, long byteSize, Integer modelVersion, String error, Long inferenceMs, Instant queuedAt,
        Instant finishedAt, String resultUrl) {

    static PageStatus of(PageRow p, String chapterPath) {
        return new PageStatus(p.pageNumber(), p.state(), p.originalName(), p.sourceFormat(), p.width(), p.height(),
                p.byteSize(), p.modelVersion(), p.error(), p.inferenceMs(), p.queuedAt(), p.finishedAt(),
                "done".equals(p.state()) ? chapterPath + "/pages/" + p.pageNumber() + "/result" : null);
    }
}
