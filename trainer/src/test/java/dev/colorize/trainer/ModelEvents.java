package dev.colorize.trainer;

import dev.colorize.platform.messaging.Topics;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads model.events from the beginning, as a worker would, until a matching event shows up. */
final class ModelEvents {

    /** The record key and the JSON fields a worker reads. */
    record Event(String key, String type, int version, String alias, String artifactKey, String sha256) {}

    private ModelEvents() {}

    static Optional<Event> find(Predicate<Event> matching, Duration timeout) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(Topics.MODEL_EVENTS, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonPath json = JsonPath.from(record.value());
                    Event event = new Event(record.key(), json.getString("type"), json.getInt("version"),
                            json.getString("alias"), json.getString("artifactKey"), json.getString("sha256"));
                    if (json.getInt("schemaVersion") == 1 && matching.test(event)) {
                        return Optional.of(event);
                    }
                }
            }
            return Optional.empty();
        }
    }
}
