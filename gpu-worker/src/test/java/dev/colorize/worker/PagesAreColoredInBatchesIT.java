package dev.colorize.worker;

import dev.colorize.platform.messaging.DeadLetterHeaders;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.data.ImageCodec;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.messaging.ResultPublisher;
import dev.colorize.worker.support.Pages;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class PagesAreColoredInBatchesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TestStack stack;

    @Test
    void jobsInColoredObjectsAndResultEventsOutInBatches() throws Exception {
        int version = stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        double batchesBefore = metric("colorize_worker_batch_size_count");
        for (int page = 1; page <= 5; page++) {
            pages.enqueue(Topics.JOBS, chapter, page, 90 + page * 10, 120);
        }
        PageJob jpeg = pages.job(chapter, 6, pages.upload(chapter, 6, Pages.lineArt(200, 70)), OutputFormat.JPEG, null);
        pages.send(Topics.JOBS, jpeg);

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 6, WAIT));

        assertThat(results).hasSize(6);
        for (int page = 1; page <= 5; page++) {
            PageResult result = results.get(page);
            assertThat(result.state()).isEqualTo(PageState.DONE);
            assertThat(result.modelVersion()).isEqualTo(version);
            assertThat(result.outputs().colored()).isEqualTo(String.format("results/%s/%s/%04d-v%d.png", pages.publisher,
                    chapter, page, version));
            assertThat(result.workerId()).isEqualTo("it-worker");
            assertThat(result.totalMillis()).isGreaterThanOrEqualTo(result.inferenceMillis()).isPositive();
            Mat colored = ImageCodec.decodeBgr(stack.store.get(result.outputs().colored()));
            assertThat(colored.cols()).isEqualTo(90 + page * 10);
            assertThat(colored.rows()).isEqualTo(120);
        }
        PageResult jpegResult = results.get(6);
        assertThat(jpegResult.outputs().colored()).endsWith(String.format("/0006-v%d.jpg", version));
        byte[] jpegBytes = stack.store.get(jpegResult.outputs().colored());
        assertThat(jpegBytes[0]).isEqualTo((byte) 0xFF);
        assertThat(jpegBytes[1]).isEqualTo((byte) 0xD8);
        assertThat(ImageCodec.decodeBgr(jpegBytes).cols()).isEqualTo(200);

        // six jobs sent back to back within the queue delay: fewer forward passes than pages
        double batches = metric("colorize_worker_batch_size_count") - batchesBefore;
        assertThat(batches).isBetween(1.0, 5.0);
    }

    @Test
    void aCorruptOrMissingPageFailsAloneWhileItsNeighboursSucceed() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        pages.enqueue(Topics.JOBS, chapter, 1, 64, 64);
        byte[] corrupt = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        pages.send(Topics.JOBS, pages.job(chapter, 2, pages.upload(chapter, 2, corrupt), OutputFormat.PNG, null));
        pages.enqueue(Topics.JOBS, chapter, 3, 64, 64);
        pages.send(Topics.JOBS, pages.job(chapter, 4, "sketches/nowhere/4.png", OutputFormat.PNG, null));

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 4, WAIT));

        assertThat(results.get(1).state()).isEqualTo(PageState.DONE);
        assertThat(results.get(3).state()).isEqualTo(PageState.DONE);
        assertThat(results.get(2).state()).isEqualTo(PageState.FAILED);
        assertThat(results.get(2).error()).startsWith("page 2: not a decodable image");
        assertThat(results.get(2).outputs().colored()).isNull();
        assertThat(results.get(4).state()).isEqualTo(PageState.FAILED);
        assertThat(results.get(4).error()).startsWith("page 4: sketch sketches/nowhere/4.png cannot be read");
    }

    @Test
    void unparseableJobsGoToTheDeadLetterTopicWithTheErrorAndThePartitionMovesOn() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        String key = chapter.toString();
        pages.sendRaw(Topics.JOBS, key, "{not json".getBytes(StandardCharsets.UTF_8));
        String future = MessageCodec.encodeToString(pages.job(chapter, 1, "sketches/x.png", OutputFormat.PNG, null))
                .replace("\"schemaVersion\":" + PageJob.SCHEMA_VERSION, "\"schemaVersion\":99");
        pages.sendRaw(Topics.JOBS, key, future.getBytes(StandardCharsets.UTF_8));
        pages.enqueue(Topics.JOBS, chapter, 2, 64, 64);

        List<ConsumerRecord<String, byte[]>> letters = pages.await(Topics.JOBS_DEAD_LETTER, key, r -> r.size() >= 2, WAIT);
        assertThat(letters).hasSize(2);
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(letters.get(0), DeadLetterHeaders.ERROR_KIND)).isEqualTo("UNPARSEABLE");
        assertThat(header(letters.get(0), DeadLetterHeaders.ERROR)).startsWith("Unreadable PageJob");
        assertThat(header(letters.get(0), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.JOBS);
        assertThat(header(letters.get(0), DeadLetterHeaders.ORIGINAL_PARTITION)).matches("\\d+");
        assertThat(Long.parseLong(header(letters.get(1), DeadLetterHeaders.ORIGINAL_OFFSET)))
                .isEqualTo(Long.parseLong(header(letters.get(0), DeadLetterHeaders.ORIGINAL_OFFSET)) + 1);
        assertThat(header(letters.get(1), DeadLetterHeaders.ERROR)).contains("schema version 99 is not supported");

        PageResult after = pages.awaitResults(chapter, 1, WAIT).get(0);
        assertThat(after.pageNumber()).isEqualTo(2);
        assertThat(after.state()).isEqualTo(PageState.DONE);
    }

    @Test
    void aPinnedVersionColorsWithThatVersionAndAnUnknownOneFailsClearly() throws Exception {
        int served = stack.ensureProduction();
        ModelEvent pinned = stack.registry.register(); // registered, never promoted
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        String sketch = pages.upload(chapter, 1, Pages.lineArt(80, 80));
        pages.send(Topics.JOBS, PageJob.of(pages.publisher, chapter, 1, sketch, OutputFormat.PNG, pinned.version(), Instant.now()));
        pages.send(Topics.JOBS, PageJob.of(pages.publisher, chapter, 2, sketch, OutputFormat.PNG, 99_999, Instant.now()));
        pages.send(Topics.JOBS, PageJob.of(pages.publisher, chapter, 3, sketch, OutputFormat.PNG, null, Instant.now()));

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 3, WAIT));

        assertThat(results.get(1).state()).isEqualTo(PageState.DONE);
        assertThat(results.get(1).modelVersion()).isEqualTo(pinned.version()).isNotEqualTo(served);
        assertThat(results.get(1).outputs().colored()).endsWith("0001-v" + pinned.version() + ".png");
        assertThat(results.get(2).state()).isEqualTo(PageState.FAILED);
        assertThat(results.get(2).error()).isEqualTo("page 2: model version 99999 is not registered");
        assertThat(results.get(3).modelVersion()).isEqualTo(served);
        assertThat(stack.catalog.versionInUse()).contains(served);
    }

    @Test
    void aPageOverThePixelLimitIsRefusedFromItsHeaderBeforeAnythingIsDecoded() throws Exception {
        stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        // an RGBA PNG that says 20000x20000 (1.6 GB decoded) and ends after its header: only the header is read
        byte[] claim = ByteBuffer.allocate(33).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(20_000).putInt(20_000)
                .put((byte) 8).put((byte) 6).array();
        pages.send(Topics.JOBS, pages.job(chapter, 1, pages.upload(chapter, 1, claim), OutputFormat.PNG, null));
        pages.enqueue(Topics.JOBS, chapter, 2, 64, 64);

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 2, WAIT));

        assertThat(results.get(1).state()).isEqualTo(PageState.FAILED);
        assertThat(results.get(1).error()).isEqualTo("page 1: 20000x20000 pixels exceeds the limit of 100000000");
        assertThat(results.get(2).state()).isEqualTo(PageState.DONE);
    }

    @Test
    void aPinnedVersionThatCannotBeLoadedFailsItsPagesClearlyAndThePartitionMovesOn() throws Exception {
        int served = stack.ensureProduction();
        ModelEvent broken = stack.registry.register(zipWithManifest("{not json")); // its hash is right; it does not load
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        String sketch = pages.upload(chapter, 1, Pages.lineArt(64, 64));
        pages.send(Topics.JOBS, PageJob.of(pages.publisher, chapter, 1, sketch, OutputFormat.PNG, broken.version(), Instant.now()));
        pages.send(Topics.JOBS, PageJob.of(pages.publisher, chapter, 2, sketch, OutputFormat.PNG, null, Instant.now()));

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, 2, WAIT));

        assertThat(results.get(1).state()).isEqualTo(PageState.FAILED);
        assertThat(results.get(1).error()).startsWith("page 1: model version " + broken.version() + " cannot be loaded: ");
        assertThat(results.get(2).state()).isEqualTo(PageState.DONE);
        assertThat(results.get(2).modelVersion()).isEqualTo(served);
    }

    private static byte[] zipWithManifest(String manifest) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(ModelArtifact.MANIFEST));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static double metric(String name) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
