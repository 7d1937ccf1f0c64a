package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.webhook.ChapterWebhook;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pages already in color: the publisher forces coloring per chapter or per page at upload (the jobs carry it), a
 * SKIPPED result finishes its page as skipped, with its result, and the chapter completes without errors, its
 * status, progress and webhook counting the skipped pages.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class ColorPagesSkippedIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectStore store;

    private static RequestSpecification pages(String apiKey, int count) {
        var request = given().auth().oauth2(apiKey);
        for (int i = 1; i <= count; i++) {
            request = request.multiPart("pages", i + ".png", Pages.png(8, 8, i), "image/png");
        }
        return request;
    }

    private static JsonPath status(String apiKey, String chapterId) {
        return given().auth().oauth2(apiKey).get("/v1/chapters/" + chapterId).then().statusCode(200).extract().jsonPath();
    }

    /** The chapter's jobs as the workers get them, by page. */
    private static Map<Integer, PageJob> jobs(String chapterId, int count) {
        return Stack.readJobs(v -> v.stream().filter(j -> j.contains(chapterId)).count() == count, WAIT).stream()
                .filter(j -> j.contains(chapterId)).map(j -> MessageCodec.fromJson(j, PageJob.class))
                .collect(Collectors.toMap(PageJob::pageNumber, j -> j));
    }

    private String stored(int page, String key) {
        store.put(key, Pages.png(8, 8, 100 + page), "image/png");
        return key;
    }

    private static PageResult result(String chapterId, int page, PageState state, String key, Integer version) {
        return state == PageState.SKIPPED ? WorkerResults.skipped(UUID.fromString(chapterId), page, key)
                : WorkerResults.done(UUID.fromString(chapterId), page, version, key);
    }

    @Test
    void aColorPageIsStoredAndServedBackWithoutTheBytesAfterItsImage() {
        // a polyglot: a valid PNG whose tail is an HTML page, which a passed-through page would serve from our origin
        byte[] png = Pages.png(8, 8, 7);
        byte[] polyglot = java.util.Arrays.copyOf(png, png.length + 64);
        byte[] html = "<html><script>alert(document.domain)</script></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(html, 0, polyglot, png.length, html.length);
        var publisher = Publishers.create();
        String id = given().auth().oauth2(publisher.apiKey()).multiPart("pages", "cover.png", polyglot, "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");

        PageJob job = jobs(id, 1).get(1);
        byte[] sketch = store.get(job.sourceKey());
        assertThat(sketch).as("the stored page ends with its image").isEqualTo(png);
        // the worker passes a page already in color through as the bytes it read
        String key = ObjectKeys.passedThrough(publisher.id(), UUID.fromString(id), 1, "png");
        store.put(key, sketch, "image/png");
        Stack.publishResults(List.of(result(id, 1, PageState.SKIPPED, key, null)));
        Await.until("the page skipped", WAIT, () -> "skipped".equals(status(publisher.apiKey(), id).getString("pages[0].state")));

        for (String served : List.of("result", "original")) {
            byte[] body = given().auth().oauth2(publisher.apiKey()).queryParam("delivery", "stream")
                    .get("/v1/chapters/" + id + "/pages/1/" + served).then().statusCode(200).extract().asByteArray();
            assertThat(body).as(served).isEqualTo(png);
        }
    }

    @Test
    void pagesForcedByNumberOrForTheWholeChapterReachTheWorkersJobs() {
        var publisher = Publishers.create();
        String byPage = pages(publisher.apiKey(), 4).multiPart("forceColorPages", "1, 3-4").post("/v1/chapters").then()
                .statusCode(202).extract().path("chapterId");
        String whole = pages(publisher.apiKey(), 2).multiPart("forceColor", "true").post("/v1/chapters").then()
                .statusCode(202).extract().path("chapterId");
        String none = pages(publisher.apiKey(), 1).post("/v1/chapters").then().statusCode(202).extract().path("chapterId");

        Map<Integer, PageJob> forcedByPage = jobs(byPage, 4);
        assertThat(forcedByPage.get(1).request().forceColor()).isTrue();
        assertThat(forcedByPage.get(2).request().forceColor()).isFalse();
        assertThat(forcedByPage.get(3).request().forceColor()).isTrue();
        assertThat(forcedByPage.get(4).request().forceColor()).isTrue();
        assertThat(jobs(whole, 2).values()).allMatch(j -> j.request().forceColor());
        assertThat(jobs(none, 1).get(1).request().forceColor()).as("false unless asked for").isFalse();

        assertThat(status(publisher.apiKey(), byPage).getList("pages.forceColor")).containsExactly(true, null, true, true);
    }

    @Test
    void badForceColorFieldsAreProblemsNamingTheFieldAndNothingIsStored() {
        var publisher = Publishers.create();
        pages(publisher.apiKey(), 2).multiPart("forceColorPages", "2,5").post("/v1/chapters").then().statusCode(400)
                .body("type", containsString("invalid-force-color-pages"))
                .body("detail", containsString("forceColorPages names page 5, but the chapter has 2 pages"));
        pages(publisher.apiKey(), 2).multiPart("forceColorPages", "1,x").post("/v1/chapters").then().statusCode(400)
                .body("type", containsString("invalid-force-color-pages")).body("detail", containsString("'x'"));
        pages(publisher.apiKey(), 2).multiPart("forceColorPages", "3-1").post("/v1/chapters").then().statusCode(400)
                .body("type", containsString("invalid-force-color-pages"));
        pages(publisher.apiKey(), 1).multiPart("forceColor", "yes").post("/v1/chapters").then().statusCode(400)
                .body("type", containsString("invalid-force-color")).body("detail", equalTo("forceColor is true or false"));

        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters").then().statusCode(200).body("items.size()", equalTo(0));
        assertThat(Stack.objects(store, publisher.id())).isEmpty();
    }

    @Test
    void aSkippedPageIsFinishedWithItsResultAndTheChapterCompletesCountingIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            var publisher = Publishers.create(receiver.url());
            String id = pages(publisher.apiKey(), 3).post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
            UUID chapter = UUID.fromString(id);
            String original = stored(1, ObjectKeys.passedThrough(publisher.id(), chapter, 1, "png"));
            String colored2 = stored(2, ObjectKeys.result(publisher.id(), chapter, 2, 7, "png"));
            String colored3 = stored(3, ObjectKeys.result(publisher.id(), chapter, 3, 7, "png"));

            Stack.publishResults(List.of(result(id, 1, PageState.SKIPPED, original, null),
                    result(id, 2, PageState.DONE, colored2, 7), result(id, 3, PageState.DONE, colored3, 7)));
            Await.until("the chapter's final state", WAIT,
                    () -> status(publisher.apiKey(), id).getString("state").equals("completed"));

            JsonPath chapterStatus = status(publisher.apiKey(), id);
            assertThat(chapterStatus.getInt("pagesDone")).isEqualTo(3);
            assertThat(chapterStatus.getInt("pagesSkipped")).isEqualTo(1);
            assertThat(chapterStatus.getInt("pagesFailed")).isZero();
            assertThat(chapterStatus.getList("pages.state")).containsExactly("skipped", "done", "done");
            assertThat(chapterStatus.getString("pages[0].modelVersion")).isNull();
            assertThat(chapterStatus.getList("modelVersions")).containsExactly(7);
            assertThat(chapterStatus.getString("pages[0].resultUrl")).isEqualTo("/v1/chapters/" + id + "/pages/1/result");
            byte[] passedThrough = given().auth().oauth2(publisher.apiKey()).queryParam("delivery", "stream")
                    .get("/v1/chapters/" + id + "/pages/1/result").then().statusCode(200)
                    .contentType("image/png").extract().asByteArray();
            assertThat(passedThrough).isEqualTo(store.get(original));

            Await.until("the webhook", WAIT, () -> !receiver.received().isEmpty());
            ChapterWebhook event = ChapterWebhook.parse(receiver.received().get(0).body());
            assertThat(event.type()).isEqualTo("chapter.completed");
            assertThat(event.data().pagesDone()).isEqualTo(3);
            assertThat(event.data().pagesSkipped()).isEqualTo(1);
            assertThat(event.data().pagesFailed()).isZero();
            assertThat(receiver.received().get(0).body()).contains("\"pagesSkipped\":1");
        }
    }

    @Test
    void aChapterWhosePagesAreAllSkippedIsCompleted() {
        var publisher = Publishers.create();
        String id = pages(publisher.apiKey(), 2).post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        UUID chapter = UUID.fromString(id);
        Stack.publishResults(List.of(
                result(id, 1, PageState.SKIPPED, stored(1,
                        ObjectKeys.passedThrough(publisher.id(), chapter, 1, "png")), null),
                result(id, 2, PageState.SKIPPED, stored(2,
                        ObjectKeys.passedThrough(publisher.id(), chapter, 2, "png")), null)));
        Await.until("the chapter's final state", WAIT,
                () -> status(publisher.apiKey(), id).getString("state").equals("completed"));
        JsonPath chapterStatus = status(publisher.apiKey(), id);
        assertThat(chapterStatus.getInt("pagesSkipped")).isEqualTo(2);
        assertThat(chapterStatus.getList("modelVersions")).isEmpty();
    }

    @Test
    void theOpenApiDocumentListsTheOptionsAndTheSkippedCounts() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> upload = api.getMap("paths.'/v1/chapters'.post.requestBody.content.'multipart/form-data'"
                + ".schema.properties");
        assertThat(upload).containsKeys("forceColor", "forceColorPages");
        assertThat(api.getMap("components.schemas.ChapterStatus.properties")).containsKey("pagesSkipped");
        assertThat(api.getMap("components.schemas.PageStatus.properties")).containsKey("forceColor");
        assertThat(api.getString("paths.'/v1/chapters'.post.description")).contains("forceColorPages", "skipped");
    }
}
