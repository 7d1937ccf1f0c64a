package dev.colorize.platform.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colorize.platform.coloring.ReferenceUse;
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
     * chapter's status, which lists every page's newest revision. references (optional, left out when null): when the
     * page's series had reference art, how many of the page's regions followed it ({@code {"regions":40,"followed":12}}).
     */
    public record RecoloredPage(UUID chapterId, int pageNumber, int revision, String state, String error,
            String resultPath, String statusPath, @JsonInclude(JsonInclude.Include.NON_NULL) ReferenceUse references) {

        /** A recolor of a page without references. */
        public RecoloredPage(UUID chapterId, int pageNumber, int revision, String state, String error,
                String resultPath, String statusPath) {
            this(chapterId, pageNumber, revision, state, error, resultPath, statusPath, null);
        }
    }

    public PageRecoloredWebhook {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "PageRecoloredWebhook");
    }

    public static PageRecoloredWebhook finished(UUID chapterId, int pageNumber, int revision, String state, String error,
            Instant at) {
        return finished(chapterId, pageNumber, revision, state, error, null, at);
    }

    /** @param references how the page followed its series' references, or null when it had none */
    public static PageRecoloredWebhook finished(UUID chapterId, int pageNumber, int revision, String state, String error,
            ReferenceUse references, Instant at) {
        String chapterPath = "/v1/chapters/" + chapterId;
        return new PageRecoloredWebhook(SCHEMA_VERSION, TYPE, at, new RecoloredPage(chapterId, pageNumber, revision, state,
                error, "done".equals(state) ? chapterPath + "/pages/" + pageNumber + "/revisions/" + revision : null,
                chapterPath, references));
    }

    public String toJson() {
        return MessageCodec.toJson(this);
    }

    /** Reads a webhook body; an unreadable one or another schema version is an UnsupportedMessageException. */
    public static PageRecoloredWebhook parse(String json) {
        return MessageCodec.fromJson(json, PageRecoloredWebhook.class);
    }
}
