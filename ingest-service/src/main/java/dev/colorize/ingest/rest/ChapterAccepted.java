package dev.colorize.ingest.rest;

import java.util.UUID;

/** v1 answer to an accepted upload (202). */
public record ChapterAccepted(UUID chapterId, String state, int pageCount, String statusUrl) {
}
