package dev.colorize.service.messaging;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place Kafka client settings are written: string keys; producers idempotent and acknowledged by
 * all in-sync replicas (an acknowledged message is durable), consumers that never commit on their own.
 * Callers add only what is theirs (a relay's fail-fast timeouts, a consumer's poll size). A production
 * broker's SASL/TLS settings, set as {@code kafka.<kafka setting>} (e.g. KAFKA_SECURITY_PROTOCOL), reach
 * every producer, consumer and admin client of every service.
 */
@Singleton
public class KafkaClients {

    /** The standard Kafka client settings of an authenticated, encrypted connection. */
    static final List<String> SECURITY_SETTINGS = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type", "ssl.keystore.location",
            "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password", "ssl.endpoint.identification.algorithm");

    private final String bootstrap;
    private final Map<String, String> security;

    @Inject
    public KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, Config config) {
        this(bootstrap, securitySettings(config));
    }

    KafkaClients(String bootstrap, Map<String, String> security) {
        this.bootstrap = bootstrap;
        this.security = Map.copyOf(security);
    }

    private static Map<String, String> securitySettings(Config config) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : SECURITY_SETTINGS) {
            config.getOptionalValue("kafka." + name, String.class).ifPresent(value -> settings.put(name, value));
        }
        return settings;
    }

    /** {@code group} null: a consumer that assigns partitions itself and never commits. */
    public KafkaConsumer<String, byte[]> consumer(String clientId, String group, Properties extra) {
        return new KafkaConsumer<>(consumerSettings(clientId, group, extra), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    public KafkaProducer<String, byte[]> producer(String clientId) {
        return producer(clientId, new ByteArraySerializer(), new Properties());
    }

    public <V> KafkaProducer<String, V> producer(String clientId, Serializer<V> values, Properties extra) {
        return new KafkaProducer<>(producerSettings(clientId, extra), new StringSerializer(), values);
    }

    public Admin admin(String clientId, Properties extra) {
        return Admin.create(adminSettings(clientId, extra));
    }

    Properties adminSettings(String clientId, Properties extra) {
        Properties p = common(clientId);
        p.putAll(extra);
        return p;
    }

    Properties consumerSettings(String clientId, String group, Properties extra) {
        Properties p = common(clientId);
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putAll(extra);
        return p;
    }

    Properties producerSettings(String clientId, Properties extra) {
        Properties p = common(clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putAll(extra);
        return p;
    }

    private Properties common(String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.putAll(security);
        return p;
    }
}
