package dev.colorize.platform.webhook;

import dev.colorize.platform.messaging.Message;
import dev.colorize.platform.messaging.MessageCodec;
import java.time.Instant;
import java.util.UUID;

/**
 * The webhook body announcing that a recolor of a page finished, signed and retried as the chapter webhook is:
 * {@code {"schemaVersion":1,"type":"page.recolored","timestamp":"...","data":{"chapterId":...,"revision":2,...}}}.
 */
public record PageRecoloredWebhook(int schemaVersion, String type, Instant timestamp, RecoloredPage data) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = "page.recolored";

    /**
     * The page's new revision: state done (resultPath serves it) or failed (error says why); statusPath is the
     * chapter's status, which lists every page's newest revision.
     */
    public record RecoloredPage(UUID chapterId, int pageNumber, int revision, String state, String error,
            String resultPath, String statusPath) {
    }

    public PageRecoloredWebhook {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "PageRecoloredWebhook");
    }

    public static PageRecoloredWebhook finished(UUID chapterId, int pageNumber, int revision, String state, String error,
            Instant at) {
        String chapterPath = "/v1/chapters/" + chapterId;
        return new PageRecoloredWebhook(SCHEMA_VERSION, TYPE, at, new RecoloredPage(chapterId, pageNumber, revision, state,
                error, "done".equals(state) ? chapterPath + "/pages/" + pageNumber + "/revisions/" + revision : null,
                chapterPath));
    }

    public String toJson() {
        return MessageCodec.toJson(this);
    }

    /** Reads a webhook body; an unreadable one or another schema version is an UnsupportedMessageException. */
    public static PageRecoloredWebhook parse(String json) {
        return MessageCodec.fromJson(json, PageRecoloredWebhook.class);
    }
}
