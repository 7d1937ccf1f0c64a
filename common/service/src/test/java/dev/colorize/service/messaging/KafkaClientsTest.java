package dev.colorize.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private final KafkaClients kafka = new KafkaClients("broker-1:9092,broker-2:9092", Map.of());

    @Test
    void producersAreIdempotentAndWaitForAllInSyncReplicas() {
        Properties settings = kafka.producerSettings("relay", new Properties());

        assertThat(settings).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092,broker-2:9092")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "relay")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    }

    @Test
    void aCallersOwnSettingsAreAddedWithoutLosingTheSharedOnes() {
        Properties extra = new Properties();
        extra.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");

        Properties settings = kafka.producerSettings("relay", extra);

        assertThat(settings).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }

    @Test
    void consumersNeverCommitOnTheirOwnAndStartFromTheEarliestOffset() {
        Properties settings = kafka.consumerSettings("results", "ingest-service", new Properties());

        assertThat(settings).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "ingest-service")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092,broker-2:9092");
    }

    @Test
    void aConsumerWithoutAGroupAssignsPartitionsItself() {
        assertThat(kafka.consumerSettings("model-events", null, new Properties()))
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }

    @Test
    void aBrokersSaslAndTlsSettingsReachProducersConsumersAndAdminClients() {
        Map<String, String> security = Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/kafka/truststore.p12");
        KafkaClients secured = new KafkaClients("broker-1:9093", security);

        assertThat(secured.producerSettings("relay", new Properties())).containsAllEntriesOf(security)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
        assertThat(secured.consumerSettings("results", "ingest-service", new Properties())).containsAllEntriesOf(security);
        assertThat(secured.adminSettings("topics", new Properties())).containsAllEntriesOf(security);
    }

    @Test
    void withoutSecuritySettingsClientsUseThePlaintextDefault() {
        assertThat(kafka.producerSettings("relay", new Properties()))
                .doesNotContainKey(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
    }

    @Test
    void theSettingsComeFromKafkaPrefixedConfigurationSuchAsEnvironmentVariables() {
        var environment = new EnvConfigSource(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "KAFKA_UNRELATED", "ignored"), 300);
        KafkaClients configured = new KafkaClients("broker-1:9093",
                new SmallRyeConfigBuilder().withSources(environment).build());

        assertThat(configured.producerSettings("relay", new Properties()))
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;")
                .doesNotContainKey("unrelated").doesNotContainKey("sasl.mechanism");
    }
}
