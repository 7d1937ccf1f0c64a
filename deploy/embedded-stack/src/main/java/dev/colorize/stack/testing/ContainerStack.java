package dev.colorize.stack.testing;

import dev.colorize.stack.StackEndpoints;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The production images (apache/kafka, postgres, minio/minio) under Testcontainers, when Docker runs. */
final class ContainerStack {

    private ContainerStack() {
    }

    static StackEndpoints start() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine").withDatabaseName("colorize");
        MinIOContainer minio = new MinIOContainer("minio/minio:RELEASE.2025-09-07T16-13-09Z");
        kafka.start();
        postgres.start();
        minio.start();
        // Testcontainers' Ryuk removes the containers when this JVM exits.
        return new StackEndpoints(kafka.getBootstrapServers(), postgres.getJdbcUrl(),
                postgres.getUsername(), postgres.getPassword(), minio.getS3URL(), minio.getUserName(),
                minio.getPassword(), StackEndpoints.DEFAULT_REGION);
    }

    /** Null when a Docker engine answers, else the reason in words. */
    static String dockerUnavailableReason() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? null
                    : "no Docker engine answers (Testcontainers found no working DOCKER_HOST or socket)";
        } catch (Throwable e) {
            return "Docker check failed: " + e;
        }
    }
}
