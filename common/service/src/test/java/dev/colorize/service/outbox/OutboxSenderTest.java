package dev.colorize.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class OutboxSenderTest {

    /** What the broker does with one row's send. */
    enum Outcome {
        /** accepted, acknowledged by the time flush returns */
        ACKNOWLEDGED,
        /** refused by the producer at once (no metadata while the broker is away) */
        REFUSED,
        /** accepted, then failed before flush returned (delivery timeout) */
        LOST_AFTER_ACCEPTANCE
    }

    /** A producer whose sends end as scripted by the payload: "row-ACKNOWLEDGED" etc. */
    private static final class ScriptedBroker {
        final List<String> sent = new ArrayList<>();
        private final List<CompletableFuture<RecordMetadata>> pending = new ArrayList<>();
        private final List<Outcome> pendingOutcomes = new ArrayList<>();

        @SuppressWarnings("unchecked")
        Producer<String, String> producer() {
            return (Producer<String, String>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Producer.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "send" -> send((ProducerRecord<String, String>) args[0]);
                        case "flush" -> flush();
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private CompletableFuture<RecordMetadata> send(ProducerRecord<String, String> record) {
            sent.add(record.key());
            Outcome outcome = Outcome.valueOf(record.value());
            CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
            if (outcome == Outcome.REFUSED) {
                future.completeExceptionally(new TimeoutException("no metadata"));
            } else {
                pending.add(future);
                pendingOutcomes.add(outcome);
            }
            return future;
        }

        private Object flush() {
            for (int i = 0; i < pending.size(); i++) {
                if (pendingOutcomes.get(i) == Outcome.ACKNOWLEDGED) {
                    pending.get(i).complete(new RecordMetadata(new TopicPartition("t", 0), i, 0, 0L, 0, 0));
                } else {
                    pending.get(i).completeExceptionally(new TimeoutException("delivery timed out"));
                }
            }
            pending.clear();
            pendingOutcomes.clear();
            return null;
        }
    }

    private final ScriptedBroker broker = new ScriptedBroker();
    private final OutboxSender sender = new OutboxSender(broker.producer());

    private static List<OutboxRow> rows(Map<Long, Outcome> outcomes) {
        return outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new OutboxRow(e.getKey(), "topic", "row-" + e.getKey(), e.getValue().name())).toList();
    }

    @Test
    void everyAcknowledgedRowIsReportedInOrder() {
        List<Long> acknowledged = sender.send(rows(Map.of(1L, Outcome.ACKNOWLEDGED, 2L, Outcome.ACKNOWLEDGED,
                3L, Outcome.ACKNOWLEDGED)));

        assertThat(acknowledged).containsExactly(1L, 2L, 3L);
        assertThat(broker.sent).containsExactly("row-1", "row-2", "row-3");
    }

    @Test
    void aSendRefusedAtOnceStopsTheBatchBeforeLaterRowsReachKafka() {
        List<Long> acknowledged = sender.send(rows(Map.of(1L, Outcome.ACKNOWLEDGED, 2L, Outcome.REFUSED,
                3L, Outcome.ACKNOWLEDGED)));

        assertThat(broker.sent).as("row 3 waits behind the refused row 2").containsExactly("row-1", "row-2");
        assertThat(acknowledged).containsExactly(1L);
    }

    @Test
    void aRowLostAfterAcceptanceStaysUnpublishedWhileTheDeliveredRowsAroundItAreReported() {
        List<Long> acknowledged = sender.send(rows(Map.of(1L, Outcome.ACKNOWLEDGED, 2L, Outcome.LOST_AFTER_ACCEPTANCE,
                3L, Outcome.ACKNOWLEDGED)));

        assertThat(broker.sent).containsExactly("row-1", "row-2", "row-3");
        assertThat(acknowledged).as("row 3 was delivered: marking it keeps it from being sent twice")
                .containsExactly(1L, 3L);
    }

    @Test
    void nothingIsReportedWhenTheBrokerIsAway() {
        List<Long> acknowledged = sender.send(rows(Map.of(1L, Outcome.REFUSED, 2L, Outcome.ACKNOWLEDGED)));

        assertThat(broker.sent).containsExactly("row-1");
        assertThat(acknowledged).isEmpty();
    }
}
