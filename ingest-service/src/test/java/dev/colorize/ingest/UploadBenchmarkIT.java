package dev.colorize.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.stack.testing.SharedStack;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Load benchmark, off by default: mvn -B -o -pl ingest-service verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=UploadBenchmarkIT -Dingest.bench=true
 * [-Dbench.chapters=40 -Dbench.clients=4 -Dbench.warmup=12]. Chapters of 20 pages of ~1 MB PNG, posted by several
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
        // warm-up, not counted: connection pools, and the JIT, which otherwise compiles during the measured window
        // (C2 took a tenth of the machine during it with 3 warm-up uploads): a service runs warm
        int warmUp = Integer.getInteger("bench.warmup", 12);
        runClients(clients, warmUp, http, publisher.apiKey(), body, new ArrayList<>());

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        CpuSnapshot cpuBefore = CpuSnapshot.take();
        long started = System.nanoTime();
        runClients(clients, chapterCount, http, publisher.apiKey(), body, latencies);
        double seconds = (System.nanoTime() - started) / 1e9;
        String cpu = CpuSnapshot.take().since(cpuBefore, seconds, chapterCount * PAGES);

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int total = chapterCount + warmUp;
        long storePages = Stack.objects(store, publisher.id()).size();
        long dbPages = Stack.count(db, "SELECT count(*) FROM pages p JOIN chapters c ON c.id = p.chapter_id "
                + "WHERE c.publisher_id = ?", publisher.id());
        String needle = publisher.id().toString();
        long topicPages = Stack.readJobs(v -> v.stream().filter(j -> j.contains(needle)).count() >= (long) total * PAGES,
                Duration.ofSeconds(120)).stream().filter(j -> j.contains(needle)).count();
        String report = String.format("UPLOAD BENCHMARK: %d chapters x %d pages (%.2f MB each), %d clients, %d warm-up chapters: %.2f uploads/s, "
                + "%.1f pages/s, p50 %d ms, p99 %d ms, max %d ms; test JVM (service + clients) RSS %s; pages counted: "
                + "store %d, database %d, jobs topic %d (expected %d); %s",
                chapterCount, PAGES, body.length / (double) PAGES / 1e6, clients, warmUp, chapterCount / seconds,
                chapterCount * PAGES / seconds, percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1),
                rss(), storePages, dbPages, topicPages, total * PAGES, cpu);
        System.out.println(report);
        Files.writeString(Path.of("target", "upload-benchmark.txt"), report + "\n");
        assertThat(storePages).isEqualTo((long) total * PAGES);
        assertThat(dbPages).isEqualTo((long) total * PAGES);
        assertThat(topicPages).isGreaterThanOrEqualTo((long) total * PAGES);
    }

    /** Posts chapterCount chapters from that many concurrent clients; each one's latency goes to latencies. */
    private void runClients(int clients, int chapterCount, HttpClient http, String key, byte[] body, List<Long> latencies)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                runs.add(pool.submit(() -> {
                    while (next.getAndIncrement() < chapterCount) {
                        long t0 = System.nanoTime();
                        post(http, key, body);
                        latencies.add((System.nanoTime() - t0) / 1_000_000);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void post(HttpClient http, String key, byte[] body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(chapters.toURI())
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(withoutCopy(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * The body as read-only views of the one prepared array: BodyPublishers.ofByteArray copies the whole body
     * into fresh buffers on every request, which here would put the clients' allocations on the service's GC.
     */
    private static HttpRequest.BodyPublisher withoutCopy(byte[] body) {
        ByteBuffer whole = ByteBuffer.wrap(body).asReadOnlyBuffer();
        List<ByteBuffer> chunks = new ArrayList<>();
        for (int at = 0; at < body.length; at += 64 * 1024) {
            chunks.add(whole.duplicate().position(at).limit(Math.min(body.length, at + 64 * 1024)).slice());
        }
        Flow.Publisher<ByteBuffer> publisher = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private int next;
            private boolean done;

            @Override
            public synchronized void request(long n) {
                for (long i = 0; i < n && next < chunks.size(); i++) {
                    subscriber.onNext(chunks.get(next++).duplicate());
                }
                if (next == chunks.size() && !done) {
                    done = true;
                    subscriber.onComplete();
                }
            }

            @Override
            public synchronized void cancel() {
                next = chunks.size();
                done = true;
            }
        });
        return HttpRequest.BodyPublishers.fromPublisher(publisher, body.length);
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

    /**
     * CPU seconds used during the measured window by the test JVM (service + clients), the stack's servers
     * (child JVMs of this one, and the PostgreSQL server on the stack's port) and the whole machine, with the
     * load average: on a shared 2-core machine this tells what the figure was measured against.
     */
    private record CpuSnapshot(Map<String, Long> cpuNanos, long machineBusyTicks, long machineTotalTicks) {

        static CpuSnapshot take() throws Exception {
            Map<String, Long> cpu = new LinkedHashMap<>();
            cpu.put("test JVM", cpuNanos(ProcessHandle.current()));
            int pgPort = URI.create(SharedStack.endpoints().jdbcUrl().substring("jdbc:".length())).getPort();
            for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
                String cmd = p.info().commandLine().orElse("");
                String label = null;
                if (p.parent().map(ProcessHandle.current()::equals).orElse(false)) {
                    label = cmd.contains("s3proxy") ? "s3proxy" : cmd.contains("kafka") ? "kafka" : null;
                } else if (cmd.contains("postgres") && cmd.contains(" -p " + pgPort)) {
                    label = "postgres";
                }
                if (label != null) {
                    long sum = cpuNanos(p) + p.descendants().mapToLong(CpuSnapshot::cpuNanos).sum();
                    cpu.merge(label, sum, Long::sum);
                }
            }
            String[] stat = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < stat.length; i++) {
                total += Long.parseLong(stat[i]);
            }
            long idle = Long.parseLong(stat[4]) + Long.parseLong(stat[5]);
            return new CpuSnapshot(cpu, total - idle, total);
        }

        private static long cpuNanos(ProcessHandle p) {
            return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        /** CPU seconds per process in the window, and CPU milliseconds per page: steadier than pages/s here. */
        String since(CpuSnapshot before, double seconds, int pages) throws Exception {
            StringBuilder b = new StringBuilder("CPU s in window (");
            b.append(String.format("%.1f s, %d cores): ", seconds, Runtime.getRuntime().availableProcessors()));
            for (var e : cpuNanos.entrySet()) {
                double used = (e.getValue() - before.cpuNanos.getOrDefault(e.getKey(), 0L)) / 1e9;
                b.append(String.format("%s %.1f (%.1f ms/page), ", e.getKey(), used, used * 1000 / pages));
            }
            long ticks = machineTotalTicks - before.machineTotalTicks;
            b.append(String.format("machine busy %.0f%%; loadavg %s", 100.0 * (machineBusyTicks - before.machineBusyTicks)
                    / Math.max(1, ticks), Files.readString(Path.of("/proc/loadavg")).trim()));
            return b.toString();
        }
    }

    private static String rss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("?");
    }
}
