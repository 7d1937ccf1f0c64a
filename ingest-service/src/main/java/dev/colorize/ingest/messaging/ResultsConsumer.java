package dev.colorize.ingest.messaging;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.messaging.UnsupportedMessageException;
import dev.colorize.service.messaging.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads colorize.results and records each page's outcome. Offsets are committed only after the batch
 * is in the database; when recording fails the batch is read again (results are idempotent). A result that
 * cannot be applied (unreadable, or naming an object outside its chapter) is dead-lettered rather than blocking
 * its partition or vanishing.
 */
@ApplicationScoped
public class ResultsConsumer {

    private static final Logger LOG = Logger.getLogger(ResultsConsumer.class);

    private final KafkaClients kafka;
    private final ResultRecorder recorder;
    private final ResultDeadLetters deadLetters;
    private final String group;
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public ResultsConsumer(KafkaClients kafka, ResultRecorder recorder, ResultDeadLetters deadLetters,
            IngestConfig config) {
        this.kafka = kafka;
        this.recorder = recorder;
        this.deadLetters = deadLetters;
        this.group = config.results().consumerGroup();
    }

    void start(@Observes StartupEvent event) {
        consumer = kafka.consumer("ingest-results", group, new Properties());
        running = true;
        thread = new Thread(this::loop, "results-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(Topics.RESULTS));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    records.forEach(this::record);
                    consumer.commitSync();
                } catch (RuntimeException e) {
                    LOG.warnf("Could not record results, reading them again: %s", e.getMessage());
                    rewind(records);
                    Thread.sleep(1000);
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
        }
    }

    private void record(ConsumerRecord<String, byte[]> record) {
        PageResult result;
        try {
            result = MessageCodec.decode(record.value(), PageResult.class);
        } catch (UnsupportedMessageException e) {
            deadLetters.park(record, "unreadable", e.getMessage());
            return;
        }
        if (recorder.apply(result) == ResultRecorder.Outcome.FOREIGN_KEY) {
            deadLetters.park(record, "foreign-key", "result key " + String.join(", ", result.outputs().all())
                    + " is outside chapter " + result.chapterId() + "'s results");
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        first.forEach(consumer::seek);
    }
}
