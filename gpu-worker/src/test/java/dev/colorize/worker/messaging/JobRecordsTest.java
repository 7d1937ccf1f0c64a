package dev.colorize.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.worker.service.ReceivedJob;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class JobRecordsTest {

    @Test
    void aValidJobIsHandedOnWithItsRecordAsOrigin() {
        PageJob job = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 3, "sketches/a/b/0003.png", OutputFormat.PNG, null,
                Instant.now());
        ConsumerRecord<String, byte[]> record = record(MessageCodec.encode(job));

        ReceivedJob<ConsumerRecord<String, byte[]>> received = JobRecords.read(record);

        assertThat(received.job()).isEqualTo(job);
        assertThat(received.unreadable()).isNull();
        assertThat(received.origin()).isSameAs(record);
    }

    @Test
    void badJsonIsUnreadable() {
        ReceivedJob<ConsumerRecord<String, byte[]>> received = JobRecords.read(record("{not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(received.job()).isNull();
        assertThat(received.unreadable()).startsWith("Unreadable PageJob");
    }

    @Test
    void aJobWithoutItsSketchOrAPageNumberIsUnreadable() {
        PageJob noSketch = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 1, null, OutputFormat.PNG, null, null);
        String pageZero = "{\"schemaVersion\":2,\"publisherId\":\"" + UUID.randomUUID() + "\",\"page\":{\"chapterId\":\""
                + UUID.randomUUID() + "\",\"pageNumber\":0,\"revision\":0},\"sourceKey\":\"sketches/x\","
                + "\"request\":{\"format\":\"PNG\"}}";

        assertThat(JobRecords.read(record(MessageCodec.encode(noSketch))).unreadable()).contains("lacks");
        assertThat(JobRecords.read(record(pageZero.getBytes(StandardCharsets.UTF_8))).unreadable())
                .contains("page numbers start at 1");
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("colorize.jobs", 0, 42L, "chapter", value);
    }
}
