package dev.colorize.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** S3Proxy on its filesystem backend: a real S3 API that checks SigV2/SigV4 signatures. */
final class S3Server {

    private final Path dir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private ChildJvm jvm;

    S3Server(Path dir, int port, String accessKey, String secretKey) {
        this.dir = dir;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    void start(Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("buckets"));
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint());
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", accessKey);
        p.setProperty("s3proxy.credential", secretKey);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", dir.resolve("buckets").toString());
        Path config = dir.resolve("s3proxy.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "S3Proxy of the embedded stack");
        }
        jvm = ChildJvm.start("s3proxy", "384m", dir.resolve("s3proxy.log"), "org.gaul.s3proxy.Main",
                List.of("--properties", config.toString()));
        awaitReady(timeout);
    }

    void stop() {
        if (jvm != null) {
            jvm.stop();
            jvm = null;
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            jvm.checkAlive();
            try {
                // Any HTTP answer (403 for an unsigned request) means it serves.
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not answer within " + timeout + "; " + jvm.tail());
                }
            }
            Thread.sleep(200);
        }
    }
}
