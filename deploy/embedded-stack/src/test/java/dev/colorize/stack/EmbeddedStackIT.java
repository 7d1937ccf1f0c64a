package dev.colorize.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStackIT {

    @TempDir
    Path data;

    @Test
    void restartedStackKeepsItsDataAndPorts() throws Exception {
        StackEndpoints first;
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.persistent(data))) {
            first = stack.endpoints();
            sql(first, "CREATE TABLE kept (note TEXT)", "INSERT INTO kept VALUES ('still here')");
            produce(first.kafkaBootstrap(), "kept-topic", "k", "still here too");
        }
        assertThat(data.resolve("postgres/data/PG_VERSION")).exists();
        assertThat(data.resolve("kafka/data/meta.properties")).exists();

        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.persistent(data))) {
            assertThat(stack.endpoints()).isEqualTo(first);
            assertThat(queryOne(first, "SELECT note FROM kept")).isEqualTo("still here");
            assertThat(consumeAll(first.kafkaBootstrap(), "kept-topic", 1)).containsExactly("still here too");
        }
        assertThat(data).exists();
    }

    @Test
    void brokerStoppedAndStartedAgainStillHasItsRecords() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.temporary())) {
            String bootstrap = stack.endpoints().kafkaBootstrap();
            produce(bootstrap, "outage", "a", "before");

            stack.stopKafka();
            assertThat(stack.isKafkaRunning()).isFalse();
            assertThatThrownBy(() -> produceWithin(bootstrap, "outage", "b", "during", Duration.ofSeconds(2)))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);

            stack.startKafka();
            produce(bootstrap, "outage", "c", "after");
            assertThat(consumeAll(bootstrap, "outage", 2)).containsExactly("before", "after");
        }
    }

    @Test
    void objectStoreStoppedAndStartedAgainAnswersOnTheSameEndpoint() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.temporary())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest unsigned = HttpRequest.newBuilder(URI.create(stack.endpoints().s3Endpoint() + "/")).build();
            assertThat(http.send(unsigned, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);

            stack.stopS3();
            assertThatThrownBy(() -> http.send(unsigned, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(java.net.ConnectException.class);

            stack.startS3();
            assertThat(http.send(unsigned, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aSecondStackOnTheSameFolderIsRefusedAndTheFirstKeepsRunning() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.persistent(data))) {
            assertThatThrownBy(() -> EmbeddedStack.start(StackOptions.persistent(data)))
                    .hasMessageContaining("Another embedded stack is using " + data.toAbsolutePath());
            sql(stack.endpoints(), "SELECT 1");
            produce(stack.endpoints().kafkaBootstrap(), "still-up", "k", "v");
        }
    }

    @Test
    void temporaryStackRemovesItsFolderOnClose() {
        Path dir;
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.temporary())) {
            dir = stack.dataDir();
            assertThat(dir).isDirectory();
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    static void sql(StackEndpoints endpoints, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static String queryOne(StackEndpoints endpoints, String query) throws Exception {
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        produceWithin(bootstrap, topic, key, value, Duration.ofSeconds(30));
    }

    static void produceWithin(String bootstrap, String topic, String key, String value, Duration timeout)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        }
    }

    static List<String> consumeAll(String bootstrap, String topic, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
