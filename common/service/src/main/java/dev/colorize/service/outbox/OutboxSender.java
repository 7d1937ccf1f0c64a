package dev.colorize.service.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows in id order and says which of them the broker acknowledged. A row the producer
 * refused at once (no metadata while the broker is away) stops the batch before later rows, so they
 * cannot reach Kafka now and be sent again on the retry; a row that failed after acceptance is left out
 * while the rows that did arrive are reported, so no delivered row is ever sent again.
 */
final class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);

    private final Producer<String, String> producer;

    OutboxSender(Producer<String, String> producer) {
        this.producer = producer;
    }

    /** The ids of the rows the broker acknowledged, in the order given. */
    List<Long> send(List<OutboxRow> rows) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            Future<RecordMetadata> send = producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()));
            sends.add(send);
            if (send.isDone() && failed(send)) {
                break;
            }
        }
        producer.flush();
        List<Long> acknowledged = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            if (!failed(sends.get(i))) {
                acknowledged.add(rows.get(i).id());
            }
        }
        return acknowledged;
    }

    private static boolean failed(Future<RecordMetadata> send) {
        try {
            send.get();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException e) {
            LOG.debugf("outbox send failed: %s", e.getCause().getMessage());
            return true;
        }
    }
}
