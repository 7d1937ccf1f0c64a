package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.platform.coloring.PageFile;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.webhook.ChapterWebhook;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Chapter options that ask for layers, an OpenRaster file and a format's quality reach the jobs; the layers the
 * worker reports are listed in status, served per page and in archive?layers=true; each failed page's reason
 * is in status, in failures.json inside the archives and in the webhook.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class PageLayersAndFailureReportsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MODEL = 7;

    @Inject
    ObjectStore store;

    @Test
    void layersAreListedServedAndArchivedAndEachFailedPageIsReportedWithItsReason() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            var publisher = Publishers.create(receiver.url());
            String id = given().auth().oauth2(publisher.apiKey())
                    .multiPart("pages", "cover.png", Pages.png(8, 8, 1), "image/png")
                    .multiPart("pages", "torn.png", Pages.png(8, 8, 2), "image/png")
                    .multiPart("pages", "last.png", Pages.png(8, 8, 3), "image/png")
                    .multiPart("outputFormat", "webp").multiPart("quality", "85").multiPart("outputs", "layers,ora")
                    .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
            UUID chapter = UUID.fromString(id);

            List<PageJob> jobs = Stack.readJobs(j -> j.stream().filter(v -> v.contains(id)).count() >= 3,
                    Duration.ofSeconds(30)).stream().filter(v -> v.contains(id))
                    .map(v -> MessageCodec.decode(v.getBytes(StandardCharsets.UTF_8), PageJob.class)).toList();
            assertThat(jobs).hasSize(3).allSatisfy(job -> {
                assertThat(job.request().wants(PageOutput.LAYERS)).isTrue();
                assertThat(job.request().wants(PageOutput.ORA)).isTrue();
                assertThat(job.request().quality()).isEqualTo(85);
            });

            Map<String, byte[]> objects = new LinkedHashMap<>();
            PageResult first = colored(publisher.id(), chapter, 1, objects);
            PageResult third = colored(publisher.id(), chapter, 3, objects);
            Stack.publishResults(List.of(first, third, WorkerResults.failed(chapter, 2,
                    "page 2: cannot be colored: out of memory")));
            Await.until("the chapter's final state", Duration.ofSeconds(30),
                    () -> status(publisher.apiKey(), id).getString("state").equals("completed_with_errors"));

            JsonPath status = status(publisher.apiKey(), id);
            assertThat(status.getString("outputFormat")).isEqualTo("WEBP");
            assertThat(status.getInt("quality")).isEqualTo(85);
            assertThat(status.getList("outputs")).containsExactly("layers", "ora");
            String page1 = "/v1/chapters/" + id + "/pages/1";
            assertThat(status.getString("pages[0].resultUrl")).isEqualTo(page1 + "/result");
            assertThat(status.getString("pages[0].flatsUrl")).isEqualTo(page1 + "/layers/flats");
            assertThat(status.getString("pages[0].linesUrl")).isEqualTo(page1 + "/layers/lines");
            assertThat(status.getString("pages[0].oraUrl")).isEqualTo(page1 + "/layers/ora");
            assertThat(status.getString("pages[1].error")).isEqualTo("page 2: cannot be colored: out of memory");
            assertThat(status.getString("pages[1].oraUrl")).isNull();

            given().auth().oauth2(publisher.apiKey()).queryParam("delivery", "stream").get(page1 + "/layers/ora").then()
                    .statusCode(200).contentType("image/openraster");
            byte[] lines = given().auth().oauth2(publisher.apiKey()).queryParam("delivery", "stream")
                    .get(page1 + "/layers/lines").then().statusCode(200).contentType("image/png").extract().asByteArray();
            assertThat(lines).isEqualTo(objects.get(first.outputs().get(PageFile.LINES)));
            given().auth().oauth2(publisher.apiKey()).redirects().follow(false).get(page1 + "/layers/flats").then()
                    .statusCode(307);
            given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id + "/pages/2/layers/ora").then()
                    .statusCode(409);
            given().auth().oauth2(publisher.apiKey()).get(page1 + "/layers/tiff").then().statusCode(404);
            given().auth().oauth2(publisher.apiKey()).get(page1 + "/layers/psd").then().statusCode(409); // not asked for
            given().auth().oauth2(Publishers.create().apiKey()).get(page1 + "/layers/ora").then().statusCode(404);

            Map<String, byte[]> cbz = entries(given().auth().oauth2(publisher.apiKey())
                    .get("/v1/chapters/" + id + "/archive").then().statusCode(200)
                    .contentType("application/vnd.comicbook+zip").extract().asByteArray());
            assertThat(cbz.keySet()).containsExactly("0001.webp", "0003.webp", "failures.json");
            JsonNode report = JSON.readTree(cbz.get("failures.json"));
            assertThat(report.get("chapterId").asText()).isEqualTo(id);
            assertThat(report.get("failures")).hasSize(1);
            assertThat(report.get("failures").get(0).get("pageNumber").asInt()).isEqualTo(2);
            assertThat(report.get("failures").get(0).get("originalName").asText()).isEqualTo("torn.png");
            assertThat(report.get("failures").get(0).get("error").asText()).isEqualTo("page 2: cannot be colored: out of memory");

            Map<String, byte[]> everything = entries(given().auth().oauth2(publisher.apiKey()).queryParam("layers", true)
                    .get("/v1/chapters/" + id + "/archive").then().statusCode(200).contentType("application/zip")
                    .header("Content-Disposition", org.hamcrest.Matchers.containsString(id + ".zip"))
                    .extract().asByteArray());
            assertThat(everything.keySet()).containsExactly("0001.webp", "0001.flats.png", "0001.lines.png", "0001.ora",
                    "0003.webp", "0003.flats.png", "0003.lines.png", "0003.ora", "failures.json");
            assertThat(everything.get("0003.ora")).isEqualTo(objects.get(third.outputs().get(PageFile.ORA)));

            Await.until("the webhook", Duration.ofSeconds(30), () -> !receiver.received().isEmpty());
            ChapterWebhook event = ChapterWebhook.parse(receiver.received().get(0).body());
            assertThat(event.data().failures()).containsExactly(
                    new ChapterWebhook.FailedPage(2, "torn.png", "page 2: cannot be colored: out of memory"));

            given().auth().oauth2(publisher.apiKey()).delete("/v1/chapters/" + id).then().statusCode(204);
            assertThat(objects.keySet()).allSatisfy(key -> assertThat(store.size(key)).as(key).isEmpty());
        }
    }

    @Test
    void aChapterWhosePagesAllFailedHasAnArchiveHoldingOnlyItsFailureReport() throws Exception {
        var publisher = Publishers.create();
        String id = given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(8, 8, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id + "/archive").then().statusCode(409);
        Stack.publishResults(List.of(WorkerResults.failed(UUID.fromString(id), 1,
                "page 1: 20000x20000 pixels exceeds the limit of 100000000")));
        Await.until("failed", Duration.ofSeconds(30), () -> status(publisher.apiKey(), id).getString("state").equals("failed"));

        Map<String, byte[]> cbz = entries(given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id + "/archive")
                .then().statusCode(200).extract().asByteArray());

        assertThat(cbz.keySet()).containsExactly("failures.json");
        assertThat(JSON.readTree(cbz.get("failures.json")).get("failures").get(0).get("error").asText())
                .isEqualTo("page 1: 20000x20000 pixels exceeds the limit of 100000000");
    }

    @Test
    void aResultWhoseLayerPointsOutsideItsChapterIsNotRecorded() {
        var publisher = Publishers.create();
        String id = given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(8, 8, 1), "image/png")
                .multiPart("outputs", "ora").post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        UUID chapter = UUID.fromString(id);
        String own = ObjectKeys.result(publisher.id(), chapter, 1, MODEL, "png");
        store.put(own, Pages.png(8, 8, 9), "image/png");
        Stack.publishResults(List.of(WorkerResults.done(chapter, 1, 0, MODEL, own, null, null,
                ObjectKeys.openRaster(UUID.randomUUID(), UUID.randomUUID(), 1, MODEL))));

        List<String> parked = Stack.read(Topics.RESULTS_DEAD_LETTER, values -> values.stream().anyMatch(v -> v.contains(id)),
                Duration.ofSeconds(30)).stream().map(r -> r.value()).filter(v -> v.contains(id)).toList();
        assertThat(parked).hasSize(1);
        assertThat(status(publisher.apiKey(), id).getString("pages[0].state")).isEqualTo("queued");
    }

    /** As a worker does: the page and its layers stored, then a DONE result naming them. */
    private PageResult colored(UUID publisherId, UUID chapter, int page, Map<String, byte[]> objects) {
        Map<String, byte[]> written = new LinkedHashMap<>();
        written.put(ObjectKeys.result(publisherId, chapter, page, MODEL, "webp"), Pages.png(8, 8, 100 + page));
        written.put(ObjectKeys.flatsLayer(publisherId, chapter, page, MODEL), Pages.png(8, 8, 200 + page));
        written.put(ObjectKeys.linesLayer(publisherId, chapter, page, MODEL), Pages.png(8, 8, 300 + page));
        written.put(ObjectKeys.openRaster(publisherId, chapter, page, MODEL), ("ora of page " + page).getBytes(StandardCharsets.UTF_8));
        written.forEach((key, bytes) -> store.put(key, bytes, "application/octet-stream"));
        objects.putAll(written);
        List<String> keys = List.copyOf(written.keySet());
        return WorkerResults.done(chapter, page, 0, MODEL, keys.get(0), keys.get(1), keys.get(2), keys.get(3));
    }

    private static JsonPath status(String key, String chapterId) {
        return given().auth().oauth2(key).get("/v1/chapters/" + chapterId).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, byte[]> entries(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
