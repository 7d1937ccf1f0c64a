package dev.colorize.worker.messaging;

import static dev.colorize.platform.messaging.DeadLetterHeaders.ERROR;
import static dev.colorize.platform.messaging.DeadLetterHeaders.ERROR_KIND;
import static dev.colorize.platform.messaging.DeadLetterHeaders.ORIGINAL_OFFSET;
import static dev.colorize.platform.messaging.DeadLetterHeaders.ORIGINAL_PARTITION;
import static dev.colorize.platform.messaging.DeadLetterHeaders.ORIGINAL_TOPIC;
import static dev.colorize.platform.messaging.DeadLetterHeaders.WORKER;

import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.service.DeadLetterKind;
import dev.colorize.worker.service.DeadLetters;
import dev.colorize.worker.service.PageResults;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Sends result events and dead letters; callers wait on the returned futures before committing offsets.
 * The futures complete on the producer's network thread once Kafka acknowledged (or refused) the record.
 */
@Singleton
public class ResultPublisher implements PageResults, DeadLetters<ConsumerRecord<String, byte[]>> {

    private static final Logger LOG = Logger.getLogger(ResultPublisher.class);

    /** Dead-letter headers: why, and where the job came from. */

    private final KafkaProducer<String, byte[]> producer;

    public ResultPublisher(KafkaClients kafka, WorkerConfig config) {
        this.producer = kafka.producer(config.id() + "-results");
    }

    @Override
    public CompletableFuture<RecordMetadata> publish(PageResult result) {
        return send(new ProducerRecord<>(Topics.RESULTS, result.key(), MessageCodec.encode(result)));
    }

    /** The job's own key and bytes, unchanged, with the error in headers. */
    @Override
    public CompletableFuture<RecordMetadata> deadLetter(ConsumerRecord<String, byte[]> job, DeadLetterKind kind, String error,
            String workerId) {
        LOG.warnf("Dead-lettering %s-%d@%d (%s): %s", job.topic(), job.partition(), job.offset(), kind, error);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.JOBS_DEAD_LETTER, job.key(), job.value());
        letter.headers()
                .add(ERROR, utf8(error))
                .add(ERROR_KIND, utf8(kind.name()))
                .add(ORIGINAL_TOPIC, utf8(job.topic()))
                .add(ORIGINAL_PARTITION, utf8(Integer.toString(job.partition())))
                .add(ORIGINAL_OFFSET, utf8(Long.toString(job.offset())))
                .add(WORKER, utf8(workerId));
        return send(letter);
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(metadata);
                }
            });
        } catch (RuntimeException e) { // e.g. the producer is closed, or its buffer stayed full past max.block.ms
            ack.completeExceptionally(e);
        }
        return ack;
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
