package dev.colorize.platform.webhook;

import dev.colorize.platform.messaging.Message;
import dev.colorize.platform.messaging.MessageCodec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The webhook body announcing that a chapter reached a final state, as the ingest service sends it and
 * publishers' receivers (the local run, tests) read it:
 * {@code {"schemaVersion":1,"type":"chapter.completed","timestamp":"...","data":{"chapterId":...}}}.
 * The type is "chapter." + the final state, so receivers can route on it without reading data.
 */
public record ChapterWebhook(int schemaVersion, String type, Instant timestamp, FinishedChapter data) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * The chapter as it finished; statusPath is where its full status (every page) is read. pagesSkipped (added
     * later, absent from older bodies): of pagesDone, the pages passed through because already in color; failures
     * names each failed page and why, in page order (empty when none failed).
     */
    public record FinishedChapter(UUID chapterId, String title, String state, int pageCount, int pagesDone,
            int pagesFailed, String statusPath, Integer pagesSkipped, List<FailedPage> failures) {
    }

    /** A page that was not colored: its number, its uploaded file name (null if none) and the reason given. */
    public record FailedPage(int pageNumber, String originalName, String error) {
    }

    public ChapterWebhook {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "ChapterWebhook");
    }

    public static ChapterWebhook finished(UUID chapterId, String title, String state, int pageCount, int pagesDone,
            int pagesFailed, List<FailedPage> failures, Instant at) {
        return finished(chapterId, title, state, pageCount, pagesDone, pagesFailed, 0, failures, at);
    }

    public static ChapterWebhook finished(UUID chapterId, String title, String state, int pageCount, int pagesDone,
            int pagesFailed, int pagesSkipped, List<FailedPage> failures, Instant at) {
        return new ChapterWebhook(SCHEMA_VERSION, "chapter." + state, at, new FinishedChapter(chapterId, title, state,
                pageCount, pagesDone, pagesFailed, "/v1/chapters/" + chapterId, pagesSkipped, List.copyOf(failures)));
    }

    public String toJson() {
        return MessageCodec.toJson(this);
    }

    /** Reads a webhook body; an unreadable one or another schema version is an UnsupportedMessageException. */
    public static ChapterWebhook parse(String json) {
        return MessageCodec.fromJson(json, ChapterWebhook.class);
    }
}
