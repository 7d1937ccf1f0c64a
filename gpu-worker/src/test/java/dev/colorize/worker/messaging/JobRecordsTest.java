package dev.colorize.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.MessageCodec;
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
        PageJob job = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 3, "sketches/a/b/0003.png", null, null, Instant.now());
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
        PageJob noSketch = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 1, null, null, null, null);
        PageJob pageZero = PageJob.of(UUID.randomUUID(), UUID.randomUUID(), 0, "sketches/x", null, null, null);

        assertThat(JobRecords.read(record(MessageCodec.encode(noSketch))).unreadable()).contains("lacks");
        assertThat(JobRecords.read(record(MessageCodec.encode(pageZero))).unreadable()).contains("lacks");
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("colorize.jobs", 0, 42L, "chapter", value);
    }
}
