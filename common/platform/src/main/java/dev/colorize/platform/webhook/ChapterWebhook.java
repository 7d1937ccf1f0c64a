package dev.colorize.platform.webhook;

import dev.colorize.platform.messaging.Message;
import dev.colorize.platform.messaging.MessageCodec;
import java.time.Instant;
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
     * later, absent from older bodies): of pagesDone, the pages passed through because already in color.
     */
    public record FinishedChapter(UUID chapterId, String title, String state, int pageCount, int pagesDone,
            int pagesFailed, String statusPath, Integer pagesSkipped) {
    }

    public ChapterWebhook {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "ChapterWebhook");
    }

    public static ChapterWebhook finished(UUID chapterId, String title, String state, int pageCount, int pagesDone,
            int pagesFailed, Instant at) {
        return finished(chapterId, title, state, pageCount, pagesDone, pagesFailed, 0, at);
    }

    public static ChapterWebhook finished(UUID chapterId, String title, String state, int pageCount, int pagesDone,
            int pagesFailed, int pagesSkipped, Instant at) {
        return new ChapterWebhook(SCHEMA_VERSION, "chapter." + state, at, new FinishedChapter(chapterId, title, state,
                pageCount, pagesDone, pagesFailed, "/v1/chapters/" + chapterId, pagesSkipped));
    }

    public String toJson() {
        return MessageCodec.toJson(this);
    }

    /** Reads a webhook body; an unreadable one or another schema version is an UnsupportedMessageException. */
    public static ChapterWebhook parse(String json) {
        return MessageCodec.fromJson(json, ChapterWebhook.class);
    }
}
