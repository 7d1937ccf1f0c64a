package dev.colorize.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.platform.coloring.PageFile;
import dev.colorize.platform.coloring.PageOutputs;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.platform.coloring.SeriesReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void everyMessageSurvivesTheWire() {
        PageJob job = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 3, "sketches/p/c/0003.png", OutputFormat.JPEG, 7, NOW);
        PageResult result = PageResult.done(job.page(), PageOutputs.colored("results/p/c/0003-v7.jpg"), 7, 120, 480,
                "worker-1", NOW);
        ModelEvent event = new ModelEvent(1, ModelEvent.Type.PROMOTED, 7, "production", "models/v7.zip",
                "a".repeat(64), NOW);

        assertThat(MessageCodec.decode(MessageCodec.encode(job), PageJob.class)).isEqualTo(job);
        assertThat(MessageCodec.decode(MessageCodec.encode(result), PageResult.class)).isEqualTo(result);
        assertThat(MessageCodec.decode(MessageCodec.encode(event), ModelEvent.class)).isEqualTo(event);
        assertThat(MessageCodec.encodeToString(job)).contains("\"enqueuedAt\":\"2026-11-23T10:15:30Z\"");
        assertThat(job.key()).isEqualTo(job.chapterId().toString());
    }

    @Test
    void layersAndQualitySurviveTheWireAsOneRequestAndOneMapOfOutputs() {
        PageJob job = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 2, "sketches/p/c/0002.png", OutputFormat.WEBP,
                null, NOW).withOutputs(Set.of(PageOutput.LAYERS, PageOutput.ORA), 80);
        PageResult result = PageResult.done(job.page(), new PageOutputs(Map.of(PageFile.COLORED, "r/0002-v7.webp",
                PageFile.FLATS, "r/0002-v7.flats.png", PageFile.LINES, "r/0002-v7.lines.png", PageFile.ORA,
                "r/0002-v7.ora")), 7, 120, 480, "worker-1", NOW);

        PageJob read = MessageCodec.decode(MessageCodec.encode(job), PageJob.class);
        assertThat(read).isEqualTo(job);
        assertThat(read.request().wants(PageOutput.ORA)).isTrue();
        assertThat(read.request().writes(PageFile.FLATS)).isTrue();
        assertThat(read.request().writes(PageFile.PSD)).isFalse();
        assertThat(MessageCodec.decode(MessageCodec.encode(result), PageResult.class)).isEqualTo(result);
        assertThat(result.outputs().all()).containsExactly("r/0002-v7.webp", "r/0002-v7.flats.png",
                "r/0002-v7.lines.png", "r/0002-v7.ora");
        assertThat(MessageCodec.encodeToString(result)).contains("\"outputs\":{\"COLORED\":\"r/0002-v7.webp\",");
    }

    @Test
    void aSeriesReferencesJobAndItsCountsSurviveTheWireAndAJobWithoutThemReadsAsNone() {
        SeriesReference withLines = new SeriesReference(UUID.randomUUID(), "references/p/s/a.colored.png",
                "references/p/s/a.lines.png");
        SeriesReference coloredOnly = new SeriesReference(UUID.randomUUID(), "references/p/s/b.colored.jpg", null);
        PageJob job = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 2, "s", OutputFormat.PNG, null, NOW);
        PageJob referenced = job.withRequest(job.request().withReferences(List.of(withLines, coloredOnly)));
        PageResult result = PageResult.done(job.page(), PageOutputs.colored("r"), 7, 1, 2, "w", NOW)
                .withReferenceUse(new ReferenceUse(40, 12));

        PageJob read = MessageCodec.decode(MessageCodec.encode(referenced), PageJob.class);
        assertThat(read).isEqualTo(referenced);
        assertThat(read.request().references()).containsExactly(withLines, coloredOnly);
        assertThat(MessageCodec.decode(MessageCodec.encode(result), PageResult.class).referenceUse())
                .isEqualTo(new ReferenceUse(40, 12));
        String withoutReferences = MessageCodec.encodeToString(job).replace(",\"references\":[]", "");
        assertThat(withoutReferences).doesNotContain("references");
        assertThat(MessageCodec.decode(withoutReferences.getBytes(StandardCharsets.UTF_8), PageJob.class).request()
                .hasReferences()).isFalse();
        assertThatThrownBy(() -> new ReferenceUse(3, 4)).hasMessageContaining("followed 4 of 3");
    }

    @Test
    void aVersionOneJobFromBeforeTheRequestWasTypedDecodesToTheSameColoring() {
        UUID publisher = UUID.randomUUID();
        UUID chapter = UUID.randomUUID();
        String v1 = "{\"schemaVersion\":1,\"publisherId\":\"" + publisher + "\",\"chapterId\":\"" + chapter
                + "\",\"pageNumber\":4,\"sourceKey\":\"s\",\"outputFormat\":\"WEBP\",\"modelVersion\":7,"
                + "\"enqueuedAt\":\"2026-11-23T10:15:30Z\",\"forceColor\":true,\"outputs\":[\"PSD\",\"LAYERS\"],"
                + "\"quality\":80,\"hintsKey\":\"sketches/p/c/0004-r2.hints.json\",\"revision\":2}";

        PageJob old = MessageCodec.decode(v1.getBytes(StandardCharsets.UTF_8), PageJob.class);

        assertThat(old).isEqualTo(PageJob.of(publisher, chapter, 4, "s", OutputFormat.WEBP, 7, NOW)
                .withOutputs(Set.of(PageOutput.LAYERS, PageOutput.PSD), 80).withForceColor(true)
                .withHints("sketches/p/c/0004-r2.hints.json", 2));
        String beforeHints = "{\"schemaVersion\":1,\"publisherId\":\"" + publisher + "\",\"chapterId\":\"" + chapter
                + "\",\"pageNumber\":4,\"sourceKey\":\"s\",\"outputFormat\":\"PNG\",\"enqueuedAt\":\"2026-11-23T10:15:30Z\"}";
        PageJob oldest = MessageCodec.decode(beforeHints.getBytes(StandardCharsets.UTF_8), PageJob.class);
        assertThat(oldest.request().hasHints()).isFalse();
        assertThat(oldest.request().outputs()).isEmpty();
        assertThat(oldest.request().quality()).isNull();
        assertThat(oldest.page()).isEqualTo(PageRef.upload(chapter, 4));
    }

    @Test
    void aVersionOneResultFromAnOlderWorkerDecodesWithItsKeysAsOutputs() {
        UUID chapter = UUID.randomUUID();
        String v1 = "{\"schemaVersion\":1,\"chapterId\":\"" + chapter + "\",\"pageNumber\":4,\"status\":\"DONE\","
                + "\"resultKey\":\"r/0004-r2-v7.png\",\"modelVersion\":7,\"inferenceMillis\":1,\"totalMillis\":2,"
                + "\"workerId\":\"w\",\"finishedAt\":\"2026-11-23T10:15:30Z\",\"psdKey\":\"r/0004-r2-v7.psd\",\"revision\":2}";

        PageResult old = MessageCodec.decode(v1.getBytes(StandardCharsets.UTF_8), PageResult.class);

        assertThat(old).isEqualTo(PageResult.done(new PageRef(chapter, 4, 2), new PageOutputs(Map.of(PageFile.COLORED,
                "r/0004-r2-v7.png", PageFile.PSD, "r/0004-r2-v7.psd")), 7, 1, 2, "w", NOW));
        String failed = "{\"schemaVersion\":1,\"chapterId\":\"" + chapter + "\",\"pageNumber\":1,\"status\":\"FAILED\","
                + "\"error\":\"boom\",\"inferenceMillis\":0,\"totalMillis\":2,\"workerId\":\"w\"}";
        PageResult oldFailure = MessageCodec.decode(failed.getBytes(StandardCharsets.UTF_8), PageResult.class);
        assertThat(oldFailure.state()).isEqualTo(PageState.FAILED);
        assertThat(oldFailure.outputs().isEmpty()).isTrue();
        assertThat(oldFailure.page().revision()).isZero();
    }

    @Test
    void aFutureSchemaVersionIsRefusedNamingTheVersion() {
        String json = "{\"schemaVersion\":3,\"chapterId\":\"" + UUID.randomUUID() + "\",\"pageNumber\":1}";
        assertThatThrownBy(() -> MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8), PageJob.class))
                .isInstanceOf(UnsupportedMessageException.class)
                .hasMessageContaining("schema version 3");
    }

    @Test
    void garbageIsRefusedAsUnreadable() {
        assertThatThrownBy(() -> MessageCodec.decode("not json".getBytes(StandardCharsets.UTF_8), PageResult.class))
                .isInstanceOf(UnsupportedMessageException.class)
                .hasMessageContaining("Unreadable PageResult");
        assertThatThrownBy(() -> MessageCodec.decode(null, PageResult.class))
                .isInstanceOf(UnsupportedMessageException.class);
        assertThatThrownBy(() -> MessageCodec.decode(new byte[0], PageResult.class))
                .isInstanceOf(UnsupportedMessageException.class);
        String badV1 = "{\"schemaVersion\":1,\"chapterId\":\"" + UUID.randomUUID() + "\",\"pageNumber\":1,"
                + "\"status\":\"DONE\",\"inferenceMillis\":0,\"totalMillis\":0}";
        assertThatThrownBy(() -> MessageCodec.decode(badV1.getBytes(StandardCharsets.UTF_8), PageResult.class))
                .isInstanceOf(UnsupportedMessageException.class)
                .hasMessageContaining("colored page");
    }

    @Test
    void aResultMustSayWhatHappened() {
        PageRef page = PageRef.upload(UUID.randomUUID(), 1);
        assertThatThrownBy(() -> PageResult.done(page, PageOutputs.NONE, 1, 0, 0, "w", NOW))
                .hasMessageContaining("colored page");
        assertThatThrownBy(() -> PageResult.failed(page, 1, null, 0, 0, "w", NOW))
                .hasMessageContaining("error");
        assertThatThrownBy(() -> new PageResult(PageResult.SCHEMA_VERSION, page, PageState.QUEUED, PageOutputs.NONE,
                null, null, 0, 0, "w", NOW, null)).hasMessageContaining("QUEUED");
    }
}
