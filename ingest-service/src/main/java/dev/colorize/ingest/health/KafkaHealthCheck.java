package dev.colorize.ingest.health;

import dev.colorize.service.messaging.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import io.smallrye.health.api.Wellness;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the broker answers, at /q/health/well and in /q/health. Not a readiness check: uploads succeed without
 * Kafka (their jobs wait in the outbox), so a broker outage must not take every replica out of service.
 */
@Wellness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    private final Admin admin;

    public KafkaHealthCheck(KafkaClients kafka) {
        Properties timeouts = new Properties();
        timeouts.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        timeouts.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        this.admin = kafka.admin("ingest-health", timeouts);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            return HealthCheckResponse.named("kafka").up().withData("nodes", nodes).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
