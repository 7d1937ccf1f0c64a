package dev.colorize.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void everyMessageSurvivesTheWire() {
        PageJob job = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 3, "sketches/p/c/0003.png", OutputFormat.JPEG, 7, NOW);
        PageResult result = new PageResult(1, job.chapterId(), 3, PageResult.Status.DONE, "results/p/c/0003-v7.jpg", 7,
                null, 120, 480, "worker-1", NOW);
        ModelEvent event = new ModelEvent(1, ModelEvent.Type.PROMOTED, 7, "production", "models/v7.zip",
                "a".repeat(64), NOW);

        assertThat(MessageCodec.decode(MessageCodec.encode(job), PageJob.class)).isEqualTo(job);
        assertThat(MessageCodec.decode(MessageCodec.encode(result), PageResult.class)).isEqualTo(result);
        assertThat(MessageCodec.decode(MessageCodec.encode(event), ModelEvent.class)).isEqualTo(event);
        assertThat(MessageCodec.encodeToString(job)).contains("\"enqueuedAt\":\"2026-11-23T10:15:30Z\"");
        assertThat(job.key()).isEqualTo(job.chapterId().toString());
    }

    @Test
    void layersAndQualitySurviveTheWireAndAnOlderMessageReadsAsCompositeOnly() {
        PageJob job = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 2, "sketches/p/c/0002.png", OutputFormat.WEBP,
                null, NOW).withOutputs(Set.of(PageOutput.LAYERS, PageOutput.ORA), 80);
        PageResult result = new PageResult(1, job.chapterId(), 2, PageResult.Status.DONE, "r/0002-v7.webp", 7, null,
                120, 480, "worker-1", NOW, "r/0002-v7.flats.png", "r/0002-v7.lines.png", "r/0002-v7.ora");

        PageJob read = MessageCodec.decode(MessageCodec.encode(job), PageJob.class);
        assertThat(read).isEqualTo(job);
        assertThat(read.wants(PageOutput.ORA)).isTrue();
        assertThat(MessageCodec.decode(MessageCodec.encode(result), PageResult.class)).isEqualTo(result);
        assertThat(result.objectKeys()).containsExactly("r/0002-v7.webp", "r/0002-v7.flats.png", "r/0002-v7.lines.png",
                "r/0002-v7.ora");

        String older = MessageCodec.encodeToString(PageJob.of(job.publisherId(), job.chapterId(), 2, "s", null, null, NOW))
                .replace(",\"outputs\":null,\"quality\":null", "");
        PageJob old = MessageCodec.decode(older.getBytes(StandardCharsets.UTF_8), PageJob.class);
        assertThat(older).doesNotContain("outputs");
        assertThat(old.outputs()).isNull();
        assertThat(old.wants(PageOutput.LAYERS)).isFalse();
        assertThat(old.quality()).isNull();
    }

    @Test
    void hintsAndRevisionSurviveTheWireAndAJobFromBeforeHintsReadsAsUnhintedRevisionZero() {
        PageJob job = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 4, "sketches/p/c/0004.png", OutputFormat.PNG,
                null, NOW).withHints("sketches/p/c/0004-r2.hints.json", 2);
        PageResult result = new PageResult(1, job.chapterId(), 4, PageResult.Status.DONE, "results/p/c/0004-r2-v7.png",
                7, null, 120, 480, "worker-1", NOW, null, null, null, 2);

        PageJob read = MessageCodec.decode(MessageCodec.encode(job), PageJob.class);
        assertThat(read).isEqualTo(job);
        assertThat(read.hasHints()).isTrue();
        assertThat(read.resultRevision()).isEqualTo(2);
        assertThat(MessageCodec.decode(MessageCodec.encode(result), PageResult.class).resultRevision()).isEqualTo(2);

        String older = MessageCodec.encodeToString(PageJob.of(job.publisherId(), job.chapterId(), 4, "s", null, null, NOW))
                .replace(",\"hintsKey\":null,\"revision\":null", "");
        assertThat(older).doesNotContain("hintsKey").doesNotContain("revision");
        PageJob old = MessageCodec.decode(older.getBytes(StandardCharsets.UTF_8), PageJob.class);
        assertThat(old.hasHints()).isFalse();
        assertThat(old.resultRevision()).isZero();
        String olderResult = MessageCodec.encodeToString(new PageResult(1, job.chapterId(), 4, PageResult.Status.DONE,
                "r", 7, null, 1, 2, "w", NOW)).replace(",\"revision\":null", "");
        assertThat(MessageCodec.decode(olderResult.getBytes(StandardCharsets.UTF_8), PageResult.class).resultRevision())
                .isZero();
    }

    @Test
    void aFutureSchemaVersionIsRefusedNamingTheVersion() {
        String json = "{\"schemaVersion\":2,\"chapterId\":\"" + UUID.randomUUID() + "\",\"pageNumber\":1}";
        assertThatThrownBy(() -> MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8), PageJob.class))
                .isInstanceOf(UnsupportedMessageException.class)
                .hasMessageContaining("schema version 2");
    }

    @Test
    void garbageIsRefusedAsUnreadable() {
        assertThatThrownBy(() -> MessageCodec.decode("not json".getBytes(StandardCharsets.UTF_8), PageResult.class))
                .isInstanceOf(UnsupportedMessageException.class)
                .hasMessageContaining("Unreadable PageResult");
        assertThatThrownBy(() -> MessageCodec.decode(null, PageResult.class))
                .isInstanceOf(UnsupportedMessageException.class);
    }

    @Test
    void aResultMustSayWhatHappened() {
        UUID chapter = UUID.randomUUID();
        assertThatThrownBy(() -> new PageResult(1, chapter, 1, PageResult.Status.DONE, null, 1, null, 0, 0, "w", NOW))
                .hasMessageContaining("resultKey");
        assertThatThrownBy(() -> new PageResult(1, chapter, 1, PageResult.Status.FAILED, null, 1, null, 0, 0, "w", NOW))
                .hasMessageContaining("error");
    }
}
