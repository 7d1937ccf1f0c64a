package dev.colorize.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.platform.messaging.UnsupportedMessageException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChapterWebhookTest {

    private static final UUID CHAPTER = UUID.fromString("0b7e2f4c-7d1a-4f57-9a53-3c2a1e9b8d10");
    private static final Instant AT = Instant.parse("2025-03-01T12:00:00.123456Z");

    @Test
    void theWireFormatKeepsTheFieldsReceiversAlreadyReadPlusItsVersionAndNamesEachFailedPage() {
        String json = ChapterWebhook.finished(CHAPTER, null, "completed_with_errors", 3, 2, 1,
                List.of(new ChapterWebhook.FailedPage(3, "p3.png", "page 3: not a decodable image")), AT).toJson();
        assertThat(json).isEqualTo("{\"schemaVersion\":1,\"type\":\"chapter.completed_with_errors\","
                + "\"timestamp\":\"2025-03-01T12:00:00.123456Z\",\"data\":{\"chapterId\":\"" + CHAPTER + "\","
                + "\"title\":null,\"state\":\"completed_with_errors\",\"pageCount\":3,\"pagesDone\":2,\"pagesFailed\":1,"
                + "\"statusPath\":\"/v1/chapters/" + CHAPTER + "\",\"pagesSkipped\":0,"
                + "\"failures\":[{\"pageNumber\":3,\"originalName\":\"p3.png\",\"error\":\"page 3: not a decodable image\"}]}}");
    }

    @Test
    void skippedPagesAreCountedInAnAddedFieldThatOlderBodiesLack() {
        String json = ChapterWebhook.finished(CHAPTER, null, "completed", 3, 3, 0, 1, List.of(), AT).toJson();
        assertThat(json).contains("\"pagesDone\":3,\"pagesFailed\":0,").endsWith(",\"pagesSkipped\":1,\"failures\":[]}}");
        String older = json.replace(",\"pagesSkipped\":1", "");
        assertThat(ChapterWebhook.parse(older).data().pagesSkipped()).isNull();
    }

    @Test
    void aReceiverReadsBackWhatWasSent() {
        ChapterWebhook sent = ChapterWebhook.finished(CHAPTER, "Chapter 1", "completed", 4, 4, 0, List.of(), AT);
        assertThat(ChapterWebhook.parse(sent.toJson())).isEqualTo(sent);
    }

    @Test
    void anotherSchemaVersionOrGarbageIsRefusedSayingWhy() {
        String v2 = ChapterWebhook.finished(CHAPTER, "t", "failed", 1, 0, 1,
                List.of(new ChapterWebhook.FailedPage(1, null, "page 1: too large")), AT).toJson()
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThatThrownBy(() -> ChapterWebhook.parse(v2)).isInstanceOf(UnsupportedMessageException.class)
                .hasMessageContaining("schema version 2");
        assertThatThrownBy(() -> ChapterWebhook.parse("{\"type\":")).isInstanceOf(UnsupportedMessageException.class);
    }
}
