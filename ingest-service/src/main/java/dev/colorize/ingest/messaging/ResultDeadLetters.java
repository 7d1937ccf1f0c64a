package dev.colorize.ingest.messaging;

import static dev.colorize.platform.messaging.DeadLetterHeaders.ERROR;
import static dev.colorize.platform.messaging.DeadLetterHeaders.ORIGINAL_OFFSET;
import static dev.colorize.platform.messaging.DeadLetterHeaders.ORIGINAL_PARTITION;
import static dev.colorize.platform.messaging.DeadLetterHeaders.ORIGINAL_TOPIC;

import dev.colorize.platform.messaging.Topics;
import dev.colorize.service.messaging.KafkaClients;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Parks results that cannot be applied on {@link Topics#RESULTS_DEAD_LETTER}: the message unchanged, the reason
 * in {@link dev.colorize.platform.messaging.DeadLetterHeaders}, as on the worker's job dead letters. Waits for the broker's ack so the result's offset is
 * committed only once its dead letter is durable.
 */
@ApplicationScoped
public class ResultDeadLetters {

    private static final Logger LOG = Logger.getLogger(ResultDeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry metrics;

    public ResultDeadLetters(KafkaClients kafka, MeterRegistry metrics) {
        this.producer = kafka.producer("ingest-results-dlq");
        this.metrics = metrics;
    }

    /** {@code reason} is a metric tag: a short fixed word; {@code error} says what exactly was wrong. */
    public void park(ConsumerRecord<String, byte[]> result, String reason, String error) {
        LOG.errorf("Dead-lettering result %s-%d@%d (%s): %s", result.topic(), result.partition(), result.offset(),
                reason, error);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.RESULTS_DEAD_LETTER, result.key(),
                result.value());
        letter.headers()
                .add(ERROR, utf8(error))
                .add(ORIGINAL_TOPIC, utf8(result.topic()))
                .add(ORIGINAL_PARTITION, utf8(Integer.toString(result.partition())))
                .add(ORIGINAL_OFFSET, utf8(Long.toString(result.offset())));
        try {
            producer.send(letter).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering a result", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not dead-letter a result: " + e.getMessage(), e);
        }
        metrics.counter("colorize.ingest.results.dead.lettered", "reason", reason).increment();
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    private static byte[] utf8(String value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
