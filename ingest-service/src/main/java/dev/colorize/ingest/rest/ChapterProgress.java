package dev.colorize.ingest.rest;

import dev.colorize.ingest.persistence.ChapterRow;
import java.util.UUID;

/**
 * v1 server-sent event data: enough for a progress bar. pagesSkipped: of pagesDone, those already in color;
 * recolorsPending: recolors of its pages asked for and not finished (0 when the stream completes).
 */
public record ChapterProgress(UUID chapterId, String state, int pageCount, int pagesDone, int pagesFailed,
        int pagesSkipped, int recolorsPending) {

    static ChapterProgress of(ChapterRow c) {
        return new ChapterProgress(c.id(), c.state(), c.pageCount(), c.pagesDone(), c.pagesFailed(), c.pagesSkipped(),
                c.recolorsPending());
    }
}
