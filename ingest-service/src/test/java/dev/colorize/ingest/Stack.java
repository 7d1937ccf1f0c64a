package dev.colorize.ingest;

import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.stack.testing.SharedStack;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;

/** Looks at the real servers directly: rows, objects and topic contents, and plays the GPU worker. */
final class Stack {

    private Stack() {
    }

    static long count(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers a model version (a row only, no artifact), pinnable by chapters or not. */
    static void modelVersion(AgroalDataSource db, int version, boolean pinnable) {
        update(db, """
                INSERT INTO model_versions (version, artifact_key, sha256, spec, pinnable)
                VALUES (?, ?, repeat('0', 64), '{}'::jsonb, ?)
                ON CONFLICT (version) DO UPDATE SET pinnable = excluded.pinnable""",
                version, ObjectKeys.modelArtifact(version), pinnable);
    }

    static int update(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> objects(ObjectStore store, UUID publisherId) {
        return store.list("sketches/" + publisherId + "/");
    }

    /** Reads the jobs topic from the start until the predicate holds for what was read, or the time is up. */
    static List<String> readJobs(Predicate<List<String>> enough, Duration timeout) {
        return read(Topics.JOBS, enough, timeout).stream().map(ConsumerRecord::value).toList();
    }

    /** Reads a topic from the start until the predicate holds for what was read, or the time is up. */
    static List<ConsumerRecord<String, String>> read(String topic, Predicate<List<String>> enough, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.endpoints().kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !enough.test(values)) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    records.add(r);
                    values.add(r.value());
                });
            }
        }
        return records;
    }

    /** Publishes results as the worker would. */
    static void publishResults(List<PageResult> results) {
        publishRawResults(results.stream().map(r -> Map.entry(r.key(), MessageCodec.encode(r))).toList());
    }

    /** Publishes bytes to the results topic, each under its key, in order. */
    static void publishRawResults(List<Map.Entry<String, byte[]>> results) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.endpoints().kafkaBootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            results.forEach(r -> producer.send(new ProducerRecord<>(Topics.RESULTS, r.getKey(), r.getValue())));
            producer.flush();
        }
    }
}
