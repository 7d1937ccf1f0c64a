package dev.colorize.ingest.rest;

import java.util.List;

/** v1 page of the publisher's chapters, newest first; pass nextCursor as ?cursor= for the next page. */
public record ChapterList(List<ChapterStatus> items, String nextCursor) {
}
