package dev.colorize.worker;

import dev.colorize.platform.coloring.PageState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.bench.ResidentMemory;
import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.ImageTensors;
import dev.colorize.ml.data.Letterbox;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.ml.infer.GeneratorRunner;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.model.ModelAliases;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.support.OtherWorker;
import dev.colorize.worker.support.Pages;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * One worker end to end (Kafka -> store -> model -> store -> Kafka) with the full-size generator, against
 * the same model's bare inference measured in the same JVM. Off unless -Dcolorize.bench.pages=N is set
 * (see docs/PERFORMANCE.md, "GPU worker"); -Dcolorize.bench.page-size=PX (256) sets the square page size.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
@EnabledIfSystemProperty(named = "colorize.bench.pages", matches = "\\d+")
class PipelineBenchmarkIT {

    @Inject
    TestStack stack;

    @Test
    void pipelineThroughputAgainstTheModelsOwnInferenceCeiling() throws Exception {
        int pageCount = Integer.getInteger("colorize.bench.pages");
        int size = Integer.getInteger("colorize.bench.page-size", 256);
        int batch = stack.config.jobs().maxBatch();
        ModelEvent model = stack.registry.register(NetworkSpec.paper(), false);
        Path zip = Files.write(Files.createTempFile("bench-model", ".zip"), stack.store.get(model.artifactKey()));

        List<byte[]> distinct = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            distinct.add(Pages.lineArt(size - i, size)); // slightly different pages
        }
        int ceilingPages = Math.max(batch, Math.min(pageCount / 2, 12 * batch));
        double[] before = inferenceCeiling(zip, distinct, batch, ceilingPages);

        UUID chapter = UUID.randomUUID();
        String topic = "bench-jobs-" + chapter;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            keys.add(stack.pages.upload(chapter, 10_000 + i, distinct.get(i)));
        }
        for (int page = 1; page <= pageCount; page++) { // a full queue: the worker, not the producer, sets the pace
            stack.pages.send(topic, stack.pages.job(chapter, page, keys.get(page % keys.size()), OutputFormat.PNG, null));
        }
        stack.registry.promote(ModelAliases.CANARY, model);

        List<long[]> rss = new CopyOnWriteArrayList<>(); // {millis, KiB, CPU ms of this JVM, CPU ms of its children}
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        long t0 = System.currentTimeMillis();
        sampler.scheduleAtFixedRate(() -> rss.add(new long[] {System.currentTimeMillis() - t0, ResidentMemory.kib(),
                ownCpuMillis(), childrenCpuMillis()}), 0, 1, TimeUnit.SECONDS);
        List<PageResult> results;
        try (OtherWorker worker = stack.otherWorker("bench-worker", ModelAliases.CANARY, topic, "bench-" + chapter, stack.store).start()) {
            results = stack.pages.awaitResults(chapter, r -> r.size() >= pageCount, Duration.ofHours(2));
        } finally {
            sampler.shutdownNow();
        }

        // measured again after the run: other load on the machine shows as a gap between the two
        double[] after = inferenceCeiling(zip, distinct, batch, ceilingPages);
        Files.delete(zip);
        double[] ceiling = {Math.max(before[0], after[0]), Math.max(before[1], after[1])};

        assertThat(results).extracting(PageResult::state).containsOnly(PageState.DONE);
        List<PageResult> ordered = results.stream().sorted(Comparator.comparing(PageResult::finishedAt)).toList();
        int skip = Math.min(2 * batch, pageCount / 10); // the first batches warm the model up
        double seconds = Duration.between(ordered.get(skip).finishedAt(), ordered.get(ordered.size() - 1).finishedAt())
                .toNanos() / 1e9;
        double pipeline = (ordered.size() - 1 - skip) / seconds;
        // Load-independent figures (other builds share the machine): how busy the model thread was over the
        // window (the pages' shares of their forward passes, rounded down, over the window), and CPU time per page.
        long forwardMillis = ordered.subList(skip + 1, ordered.size()).stream().mapToLong(PageResult::inferenceMillis).sum();
        long windowStart = ordered.get(skip).finishedAt().toEpochMilli() - t0;
        long windowEnd = ordered.get(ordered.size() - 1).finishedAt().toEpochMilli() - t0;
        long[] first = sampleAt(rss, windowStart);
        long[] last = sampleAt(rss, windowEnd);
        double measuredPages = ordered.size() - 1 - skip;
        double spanPages = measuredPages * (last[0] - first[0]) / (double) (windowEnd - windowStart);
        long startKib = rss.get(Math.min(rss.size() - 1, Math.max(1, rss.size() / 10)))[1];
        long endKib = rss.get(rss.size() - 1)[1];
        long maxKib = rss.stream().mapToLong(s -> s[1]).max().orElseThrow();
        System.out.printf("%nBENCH pages %d of %dx%d, batch %d, cores %d%n", pageCount, size, size, batch,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("BENCH bare forward pass: %.2f pages/s before, %.2f after; Colorizer (letterbox + forward"
                + " + chroma): %.2f before, %.2f after (%d pages each)%n", before[0], after[0], before[1], after[1], ceilingPages);
        System.out.printf("BENCH pipeline end to end: %.2f pages/s = %.0f%% of the better bare forward pass, %.0f%% of the"
                + " better Colorizer figure%n",
                pipeline, 100 * pipeline / ceiling[0], 100 * pipeline / ceiling[1]);
        System.out.printf("BENCH model thread busy %.0f%% of the window (forward passes incl. letterbox+chroma: %.1f ms/page"
                + " in the pipeline vs %.1f ms/page Colorizer alone, best); CPU per page: pipeline %.0f ms in the worker JVM"
                + " + %.0f ms in the stack's servers, bare forward %.0f ms, Colorizer %.0f ms%n",
                100.0 * forwardMillis / (seconds * 1000), forwardMillis / measuredPages, 1000 / ceiling[1],
                (last[2] - first[2]) / spanPages, (last[3] - first[3]) / spanPages, Math.min(before[2], after[2]),
                Math.min(before[3], after[3]));
        System.out.printf("BENCH RSS at 10%% of the run %d MiB, end %d MiB, max %d MiB (%d samples over %d s)%n",
                startKib / 1024, endKib / 1024, maxKib / 1024, rss.size(), rss.get(rss.size() - 1)[0] / 1000);
        StringBuilder curve = new StringBuilder("BENCH RSS MiB at each tenth of the run:");
        for (int tenth = 0; tenth <= 10; tenth++) {
            curve.append(' ').append(rss.get(Math.min(rss.size() - 1, tenth * rss.size() / 10))[1] / 1024);
        }
        System.out.println(curve);
    }

    /** {bare forward pages/s, Colorizer pages/s} after one warm-up batch, on the pages the pipeline colors. */
    private static double[] inferenceCeiling(Path zip, List<byte[]> pages, int batch, int count) throws Exception {
        try (Colorizer colorizer = Colorizer.load(zip, new ColorizerOptions("cpu", 0, batch, false))) {
            NetworkSpec spec = colorizer.model().spec();
            GeneratorRunner runner = new GeneratorRunner(colorizer.model().generator(), spec, colorizer.model().manager());
            int plane = spec.imageSize() * spec.imageSize();
            float[] input = new float[batch * plane];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(ImageTensors.toTensor(gray(ImageCodec.decodeBgr(pages.get(i % pages.size())), spec)), 0,
                        input, i * plane, plane);
            }
            runner.predict(input, batch);
            long start = System.nanoTime();
            long cpu = ownCpuMillis();
            for (int done = 0; done < count; done += batch) {
                runner.predict(input, batch);
            }
            double bare = roundUp(count, batch) / ((System.nanoTime() - start) / 1e9);
            double bareCpu = (ownCpuMillis() - cpu) / (double) roundUp(count, batch);

            List<Mat> decoded = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                decoded.add(ImageCodec.decodeBgr(pages.get(i % pages.size())));
            }
            colorizer.colorizeImages(decoded);
            start = System.nanoTime();
            cpu = ownCpuMillis();
            for (int done = 0; done < count; done += batch) {
                colorizer.colorizeImages(decoded);
            }
            double full = roundUp(count, batch) / ((System.nanoTime() - start) / 1e9);
            double fullCpu = (ownCpuMillis() - cpu) / (double) roundUp(count, batch);
            return new double[] {bare, full, bareCpu, fullCpu};
        }
    }

    /** The sample closest to {@code millis} after the run's start. */
    private static long[] sampleAt(List<long[]> samples, long millis) {
        return samples.stream().min(Comparator.comparingLong(s -> Math.abs(s[0] - millis))).orElseThrow();
    }

    /** CPU time (user + system) of this JVM, all threads. */
    private static long ownCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    /** CPU time of this JVM's child processes (the embedded stack: Kafka, S3Proxy, PostgreSQL), from /proc. */
    private static long childrenCpuMillis() {
        return ProcessHandle.current().descendants().mapToLong(p -> {
            try {
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime, stime at 100 Hz
            } catch (Exception e) {
                return 0; // exited
            }
        }).sum();
    }

    private static Mat gray(Mat bgr, NetworkSpec spec) {
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        return Letterbox.fit(gray, spec.imageSize()).image();
    }

    private static int roundUp(int count, int batch) {
        return (count + batch - 1) / batch * batch;
    }
}
