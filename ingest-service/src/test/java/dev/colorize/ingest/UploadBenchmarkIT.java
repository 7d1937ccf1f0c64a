package dev.colorize.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Load benchmark, off by default: mvn -B -o -pl ingest-service verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=UploadBenchmarkIT -Dingest.bench=true
 * [-Dbench.chapters=40 -Dbench.clients=4]. Chapters of 20 pages of ~1 MB PNG, posted by several
 * clients at once; then every page is counted in the store, the database and the jobs topic.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
@EnabledIfSystemProperty(named = "ingest.bench", matches = "true")
class UploadBenchmarkIT {

    private static final int PAGES = 20;
    private static final String BOUNDARY = "bench-boundary-7d3f";

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectStore store;

    @TestHTTPResource("/v1/chapters")
    URL chapters;

    @Test
    void uploadsChaptersConcurrentlyAndLosesNoPage() throws Exception {
        int chapterCount = Integer.getInteger("bench.chapters", 40);
        int clients = Integer.getInteger("bench.clients", 4);
        var publisher = Publishers.create();
        List<byte[]> pages = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            pages.add(Pages.png(590, 590, i)); // noise: about 1 MB each as PNG
        }
        byte[] body = multipart(pages);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // warm-up: JIT and connection pools, not counted
        for (int i = 0; i < 3; i++) {
            post(http, publisher.apiKey(), body);
        }

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> runs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            runs.add(pool.submit(() -> {
                while (next.getAndIncrement() < chapterCount) {
                    long t0 = System.nanoTime();
                    post(http, publisher.apiKey(), body);
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int total = chapterCount + 3;
        long storePages = Stack.objects(store, publisher.id()).size();
        long dbPages = Stack.count(db, "SELECT count(*) FROM pages p JOIN chapters c ON c.id = p.chapter_id "
                + "WHERE c.publisher_id = ?", publisher.id());
        String needle = publisher.id().toString();
        long topicPages = Stack.readJobs(v -> v.stream().filter(j -> j.contains(needle)).count() >= (long) total * PAGES,
                Duration.ofSeconds(120)).stream().filter(j -> j.contains(needle)).count();
        String report = String.format("UPLOAD BENCHMARK: %d chapters x %d pages (%.2f MB each), %d clients: %.2f uploads/s, "
                + "%.1f pages/s, p50 %d ms, p99 %d ms, max %d ms; test JVM (service + clients) RSS %s; pages counted: "
                + "store %d, database %d, jobs topic %d (expected %d)",
                chapterCount, PAGES, body.length / (double) PAGES / 1e6, clients, chapterCount / seconds,
                chapterCount * PAGES / seconds, percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1),
                rss(), storePages, dbPages, topicPages, total * PAGES);
        System.out.println(report);
        Files.writeString(Path.of("target", "upload-benchmark.txt"), report + "\n");
        assertThat(storePages).isEqualTo((long) total * PAGES);
        assertThat(dbPages).isEqualTo((long) total * PAGES);
        assertThat(topicPages).isGreaterThanOrEqualTo((long) total * PAGES);
    }

    private void post(HttpClient http, String key, byte[] body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(chapters.toURI())
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static byte[] multipart(List<byte[]> pages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < pages.size(); i++) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"pages\"; filename=\"" + (i + 1)
                    + ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(pages.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String rss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("?");
    }
}
