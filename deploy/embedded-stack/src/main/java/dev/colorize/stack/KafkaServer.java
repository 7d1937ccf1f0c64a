package dev.colorize.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** A single-node Apache Kafka broker in KRaft mode (broker and controller in one JVM). */
final class KafkaServer {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private ChildJvm jvm;

    KafkaServer(Path dir, int port, int controllerPort, int partitions) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    void start(Duration timeout) throws IOException, InterruptedException {
        Path config = writeConfig();
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            ChildJvm.run("kafka-storage format", dir.resolve("format.log"), "kafka.tools.StorageTool",
                    List.of("format", "--cluster-id", clusterId(), "--config", config.toString(), "--ignore-formatted"),
                    timeout);
        }
        jvm = ChildJvm.start("kafka", "512m", dir.resolve("kafka.log"), "kafka.Kafka", List.of(config.toString()));
        awaitReady(timeout);
    }

    void stop() {
        if (jvm != null) {
            jvm.stop();
            jvm = null;
        }
    }

    boolean isRunning() {
        return jvm != null && jvm.isAlive();
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                jvm.checkAlive();
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not answer within " + timeout + "; " + jvm.tail());
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", Integer.toString(partitions));
        // One node: every internal topic has one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "single-node KRaft broker of the embedded stack");
        }
        return file;
    }

    /**
     * A Kafka cluster id: 16 random bytes in URL-safe base64. Kafka's own generator redraws ids that
     * start with '-', which kafka-storage would read as an option (1 in 64 ids otherwise).
     */
    static String clusterId() {
        return Uuid.randomUuid().toString();
    }
}
