package dev.colorize.ingest.rest;

import dev.colorize.ingest.persistence.ChapterRow;
import java.util.List;

/** v1 page of the publisher's chapters, newest first; pass nextCursor as ?cursor= for the next page. */
public record ChapterList(List<ChapterStatus> items, String nextCursor) {

    /** A page of at most {@code limit} chapters from rows read with limit + 1: a row beyond it means there is more. */
    static ChapterList of(List<ChapterRow> rows, int limit) {
        List<ChapterRow> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? ChapterCursor.after(page.get(limit - 1)).encode() : null;
        return new ChapterList(page.stream().map(c -> ChapterStatus.of(c, null, null)).toList(), next);
    }
}
