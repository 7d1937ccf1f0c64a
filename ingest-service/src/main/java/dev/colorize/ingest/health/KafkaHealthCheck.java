package dev.colorize.ingest.health;

import dev.colorize.service.messaging.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the broker answers; uploads still succeed without it (the outbox waits). */
@Readiness
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
