package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.platform.hints.ColorHints;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.webhook.PageRecoloredWebhook;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Recoloring a finished page with new hints: each recolor is the page's next revision, queued as a job with its hints,
 * shown in status and the events stream while in work, announced by a signed and retried page.recolored webhook, and
 * readable (with its layers) beside every earlier revision until the chapter is deleted.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class RecolorIT {

    private static final int MODEL = 5;

    @Inject
    ObjectStore store;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aRecolorIsANewRevisionShownInWorkAnnouncedByWebhookAndServedBesideTheEarlierOnes() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            var publisher = Publishers.create(receiver.url());
            String id = given().auth().oauth2(publisher.apiKey())
                    .multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png").multiPart("outputs", "layers")
                    .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
            UUID chapter = UUID.fromString(id);
            byte[] first = Pages.png(40, 30, 100);
            Stack.publishResults(List.of(colored(publisher.id(), chapter, 0, first)));
            Await.until("the chapter's webhook", Duration.ofSeconds(30), () -> !receiver.received().isEmpty());
            receiver.failNext(1); // page.recolored's first delivery fails: it must be retried

            given().auth().oauth2(publisher.apiKey()).contentType("application/json")
                    .body("[{\"x\":20,\"y\":15,\"color\":\"#20C020\"}]").post(page(id) + "/recolor").then().statusCode(202)
                    .header("Location", endsWith(page(id) + "/revisions/1"))
                    .body("revision", equalTo(1)).body("state", equalTo("queued"));

            PageJob job = jobs(id, 2).stream().filter(j -> j.page().revision() == 1).findFirst().orElseThrow();
            assertThat(job.request().hintsKey()).isEqualTo(ObjectKeys.hints(publisher.id(), chapter, 1, 1, "json"));
            assertThat(job.request().wants(PageOutput.LAYERS)).as("the chapter's outputs").isTrue();
            assertThat(ColorHints.parse(new String(store.get(job.request().hintsKey()), StandardCharsets.UTF_8)).points())
                    .containsExactly(new ColorHints.Point(20, 15, "#20c020", 4));
            given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then().statusCode(200)
                    .body("state", equalTo("completed")).body("pages[0].revision", equalTo(1))
                    .body("pages[0].revisionState", equalTo("queued")).body("pages[0].revisionUrl", equalTo(null));

            List<String> events = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> stream = events(publisher.apiKey(), id, events);
            Await.until("the recolor in work on the stream", Duration.ofSeconds(20),
                    () -> events.stream().anyMatch(l -> l.contains("\"recolorsPending\":1")));
            assertThat(stream).as("the stream waits for the recolor").isNotDone();
            byte[] second = Pages.png(40, 30, 200);
            Stack.publishResults(List.of(colored(publisher.id(), chapter, 1, second)));
            stream.get(20, TimeUnit.SECONDS);
            assertThat(events).contains("event:progress", "event:completed");
            assertThat(events.stream().filter(l -> l.startsWith("data:")).reduce((a, b) -> b).orElseThrow())
                    .contains("\"recolorsPending\":0");

            Await.until("page.recolored, retried after the failed first delivery", Duration.ofSeconds(30),
                    () -> receiver.received().stream().filter(r -> r.body().contains("page.recolored")).count() >= 2);
            List<WebhookReceiver.Received> deliveries = receiver.received().stream()
                    .filter(r -> r.body().contains("page.recolored")).toList();
            assertThat(deliveries).extracting(WebhookReceiver.Received::answered).startsWith(500, 204);
            assertThat(deliveries.get(1).id()).as("the same delivery, retried").isEqualTo(deliveries.get(0).id());
            assertThat(deliveries).allSatisfy(d -> assertThat(WebhookReceiver.verifies(d, publisher.webhookSecret())).isTrue());
            PageRecoloredWebhook event = PageRecoloredWebhook.parse(deliveries.get(0).body());
            assertThat(event.data()).isEqualTo(new PageRecoloredWebhook.RecoloredPage(chapter, 1, 1, "done", null,
                    page(id) + "/revisions/1", "/v1/chapters/" + id));

            assertThat(stream(publisher.apiKey(), page(id) + "/revisions/1")).isEqualTo(second);
            assertThat(stream(publisher.apiKey(), page(id) + "/revisions/0")).isEqualTo(first);
            assertThat(stream(publisher.apiKey(), page(id) + "/result")).as("the upload's coloring stays").isEqualTo(first);
            assertThat(stream(publisher.apiKey(), page(id) + "/revisions/1/layers/flats"))
                    .isEqualTo(store.get(ObjectKeys.flatsLayer(publisher.id(), chapter, 1, 1, MODEL)));
            given().auth().oauth2(publisher.apiKey()).get(page(id) + "/revisions/2").then().statusCode(404);
            given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then()
                    .body("pages[0].revisionState", equalTo("done"))
                    .body("pages[0].revisionUrl", equalTo(page(id) + "/revisions/1"));

            given().auth().oauth2(publisher.apiKey())
                    .multiPart("hints", "dots.png", Pages.hintPng(40, 30), "image/png").post(page(id) + "/recolor")
                    .then().statusCode(202).body("revision", equalTo(2));
            assertThat(store.get(ObjectKeys.hints(publisher.id(), chapter, 1, 2, "png"))).isEqualTo(Pages.hintPng(40, 30));
            Stack.publishResults(List.of(WorkerResults.failed(chapter, 1, 2,
                    "page 1: cannot be colored: out of memory")));
            Await.until("the failed revision", Duration.ofSeconds(30), () -> "failed".equals(given().auth()
                    .oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then().extract().path("pages[0].revisionState")));
            given().auth().oauth2(publisher.apiKey()).get(page(id) + "/revisions/2").then().statusCode(409)
                    .body("detail", org.hamcrest.Matchers.containsString("out of memory"));
            given().auth().oauth2(publisher.apiKey()).get(page(id) + "/revisions").then().statusCode(200)
                    .body("revision", equalTo(List.of(1, 2))).body("state", equalTo(List.of("done", "failed")));
            Await.until("page.recolored for the failed revision", Duration.ofSeconds(30),
                    () -> receiver.received().stream().anyMatch(r -> r.body().contains("\"revision\":2")
                            && r.body().contains("\"state\":\"failed\"")));

            List<String> objects = new ArrayList<>(store.list(ObjectKeys.resultPrefix(publisher.id(), chapter)));
            objects.addAll(Stack.objects(store, publisher.id()));
            given().auth().oauth2(publisher.apiKey()).delete("/v1/chapters/" + id).then().statusCode(204);
            assertThat(objects).hasSizeGreaterThan(6).allSatisfy(key -> assertThat(store.size(key)).as(key).isEmpty());
        }
    }

    @Test
    void aRecolorIsRefusedForAPageInWorkForBadHintsAndForAnotherPublishersChapter() {
        var publisher = Publishers.create();
        String id = given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        String points = "[{\"x\":1,\"y\":1,\"color\":\"#000000\"}]";
        given().auth().oauth2(publisher.apiKey()).contentType("application/json").body(points).post(page(id) + "/recolor")
                .then().statusCode(409).body("type", endsWith("/page-in-work"));
        Stack.publishResults(List.of(colored(publisher.id(), UUID.fromString(id), 0, Pages.png(40, 30, 2))));
        Await.until("the page done", Duration.ofSeconds(30), () -> "done".equals(given().auth().oauth2(publisher.apiKey())
                .get("/v1/chapters/" + id).then().extract().path("pages[0].state")));

        given().auth().oauth2(publisher.apiKey()).contentType("application/json")
                .body("[{\"x\":41,\"y\":1,\"color\":\"#000000\"}]").post(page(id) + "/recolor").then().statusCode(400)
                .body("type", endsWith("/invalid-hints")).body("page", equalTo(1));
        given().auth().oauth2(publisher.apiKey()).multiPart("hints", "dots.png", Pages.hintPng(40, 10), "image/png")
                .post(page(id) + "/recolor").then().statusCode(400).body("type", endsWith("/invalid-hints"));
        given().auth().oauth2(publisher.apiKey()).contentType("application/json")
                .body("[{\"x\":1,\"y\":1,\"name\":\"Aiko hair\"}]").post(page(id) + "/recolor").then().statusCode(400)
                .body("type", endsWith("/unknown-palette-name"));
        given().auth().oauth2(publisher.apiKey()).contentType("application/json").body(points)
                .post("/v1/chapters/" + id + "/pages/2/recolor").then().statusCode(404);
        given().auth().oauth2(Publishers.create().apiKey()).contentType("application/json").body(points)
                .post(page(id) + "/recolor").then().statusCode(404);
        assertThat(Stack.objects(store, publisher.id())).as("no hints stored").noneMatch(key -> key.contains("hints"));
        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then().body("pages[0].revision", equalTo(null));
    }

    @Test
    void concurrentRecolorsOfOnePageEachGetTheirOwnRevisionWithTheirOwnHints() throws Exception {
        var publisher = Publishers.create();
        String id = given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        Stack.publishResults(List.of(colored(publisher.id(), UUID.fromString(id), 0, Pages.png(40, 30, 2))));
        Await.until("the page done", Duration.ofSeconds(30), () -> "done".equals(given().auth().oauth2(publisher.apiKey())
                .get("/v1/chapters/" + id).then().extract().path("pages[0].state")));

        int recolors = 6;
        List<CompletableFuture<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < recolors; i++) {
            String body = "[{\"x\":" + (i + 1) + ",\"y\":1,\"color\":\"#000000\"}]";
            sent.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(publisher.apiKey())
                    .contentType("application/json").body(body).post(page(id) + "/recolor")
                    .then().statusCode(202).extract().<Integer>path("revision")));
        }
        List<Integer> revisions = sent.stream().map(CompletableFuture::join).sorted().toList();

        assertThat(revisions).containsExactly(1, 2, 3, 4, 5, 6);
        List<PageJob> jobs = jobs(id, 1 + recolors).stream().filter(j -> j.page().recolor()).toList();
        assertThat(jobs).hasSize(recolors);
        assertThat(jobs).extracting(j -> j.request().hintsKey()).doesNotHaveDuplicates();
        assertThat(jobs).extracting(j -> (int) ColorHints.parse(new String(store.get(j.request().hintsKey()), StandardCharsets.UTF_8))
                .points().get(0).x()).as("each revision's hints are its own request's").doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aRecolorSentAgainWithItsIdempotencyKeyAnswersWithTheRevisionTheFirstMade() throws Exception {
        var publisher = Publishers.create();
        String id = finishedPage(publisher);
        String points = "[{\"x\":3,\"y\":3,\"color\":\"#d03030\"}]";

        int first = recolor(publisher, id, points, "retry-1").statusCode(202).extract().path("revision");
        int again = recolor(publisher, id, points, "retry-1").statusCode(202).extract().path("revision");
        int other = recolor(publisher, id, points, "retry-2").statusCode(202).extract().path("revision");

        assertThat(again).isEqualTo(first);
        assertThat(other).isEqualTo(first + 1);
        assertThat(jobs(id, 3).stream().filter(j -> j.page().recolor()).map(j -> j.page().revision()))
                .as("one job per revision, none for the retry").containsExactlyInAnyOrder(first, other);
        recolor(publisher, id, points, "k".repeat(256)).statusCode(400).body("type", endsWith("/invalid-idempotency-key"));
    }

    @Test
    void aPageTakesOnlySoManyRecolorsInWorkAndSoManyRevisions() throws Exception {
        var publisher = Publishers.create();
        String id = finishedPage(publisher);
        String points = "[{\"x\":3,\"y\":3,\"color\":\"#d03030\"}]";
        for (int i = 0; i < 8; i++) {
            recolor(publisher, id, points, null).statusCode(202);
        }

        recolor(publisher, id, points, null).statusCode(429).body("type", endsWith("/recolors-in-work"));

        // the worker finishes them (here: they fail); the page takes recolors again up to its 12 revisions
        Stack.update(db, "UPDATE page_colorings SET state = 'failed', error = 'x' WHERE chapter_id = ? AND revision > 0",
                UUID.fromString(id));
        for (int i = 0; i < 4; i++) {
            recolor(publisher, id, points, null).statusCode(202).body("revision", equalTo(9 + i));
        }
        Stack.update(db, "UPDATE page_colorings SET state = 'failed', error = 'x' WHERE chapter_id = ? AND revision > 0",
                UUID.fromString(id));
        recolor(publisher, id, points, null).statusCode(409).body("type", endsWith("/too-many-revisions"));
        assertThat(Stack.count(db, "SELECT count(*) FROM page_colorings WHERE chapter_id = ?", UUID.fromString(id)))
                .as("nothing queued for the refused ones").isEqualTo(13);
    }

    @Test
    void aRecolorChecksTheChaptersModelPinAgain() throws Exception {
        Stack.modelVersion(db, 4201, true);
        var publisher = Publishers.create();
        String id = given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .multiPart("modelVersion", "4201").post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        Stack.publishResults(List.of(colored(publisher.id(), UUID.fromString(id), 0, Pages.png(40, 30, 2))));
        Await.until("the page done", Duration.ofSeconds(30), () -> "done".equals(given().auth().oauth2(publisher.apiKey())
                .get("/v1/chapters/" + id).then().extract().path("pages[0].state")));
        Stack.update(db, "UPDATE model_versions SET pinnable = false WHERE version = 4201");

        recolor(publisher, id, "[{\"x\":3,\"y\":3,\"color\":\"#d03030\"}]", null).statusCode(400)
                .body("type", endsWith("/model-version-not-pinnable"));
        assertThat(Stack.count(db, "SELECT count(*) FROM page_colorings WHERE chapter_id = ? AND revision > 0",
                UUID.fromString(id))).isZero();
    }

    private String finishedPage(Publishers.TestPublisher publisher) {
        String id = given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        Stack.publishResults(List.of(colored(publisher.id(), UUID.fromString(id), 0, Pages.png(40, 30, 2))));
        Await.until("the page done", Duration.ofSeconds(30), () -> "done".equals(given().auth().oauth2(publisher.apiKey())
                .get("/v1/chapters/" + id).then().extract().path("pages[0].state")));
        return id;
    }

    private static io.restassured.response.ValidatableResponse recolor(Publishers.TestPublisher publisher, String id,
            String points, String idempotencyKey) {
        var request = given().auth().oauth2(publisher.apiKey()).contentType("application/json").body(points);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(page(id) + "/recolor").then();
    }

    @Test
    void aRecolorPastTheDeadlineFailsAndIsAnnouncedSoTheStreamEnds() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            var publisher = Publishers.create(receiver.url());
            String id = given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                    .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
            Stack.publishResults(List.of(colored(publisher.id(), UUID.fromString(id), 0, Pages.png(40, 30, 2))));
            Await.until("the page done", Duration.ofSeconds(30), () -> "done".equals(given().auth()
                    .oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then().extract().path("pages[0].state")));
            given().auth().oauth2(publisher.apiKey()).contentType("application/json")
                    .body("[{\"x\":1,\"y\":1,\"color\":\"#000000\"}]").post(page(id) + "/recolor").then().statusCode(202);

            // the default deadline is hours: the recolor is made that old rather than the deadline short
            Stack.update(db, "UPDATE page_colorings SET requested_at = now() - interval '7 hours' WHERE chapter_id = ? AND revision > 0",
                    UUID.fromString(id));

            Await.until("the overdue recolor failed", Duration.ofSeconds(30), () -> "failed".equals(given().auth()
                    .oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then().extract().path("pages[0].revisionState")));
            Await.until("its page.recolored", Duration.ofSeconds(30), () -> receiver.received().stream()
                    .anyMatch(r -> r.body().contains("page.recolored") && r.body().contains("deadline exceeded")));
            List<String> events = new CopyOnWriteArrayList<>();
            events(publisher.apiKey(), id, events).get(20, TimeUnit.SECONDS);
            assertThat(events).contains("event:completed");
        }
    }

    private static String page(String chapterId) {
        return "/v1/chapters/" + chapterId + "/pages/1";
    }

    /** As a worker does: the revision's page and layers stored, then a DONE result naming them. */
    private PageResult colored(UUID publisherId, UUID chapter, int revision, byte[] page) {
        String result = ObjectKeys.result(publisherId, chapter, 1, revision, MODEL, "png");
        String flats = ObjectKeys.flatsLayer(publisherId, chapter, 1, revision, MODEL);
        String lines = ObjectKeys.linesLayer(publisherId, chapter, 1, revision, MODEL);
        store.put(result, page, "image/png");
        store.put(flats, Pages.png(40, 30, 300 + revision), "image/png");
        store.put(lines, Pages.png(40, 30, 400 + revision), "image/png");
        return WorkerResults.done(chapter, 1, revision, MODEL, result, flats, lines, null);
    }

    private static byte[] stream(String key, String path) {
        return given().auth().oauth2(key).queryParam("delivery", "stream").get(path).then().statusCode(200)
                .extract().asByteArray();
    }

    private static List<PageJob> jobs(String chapterId, int count) {
        return Stack.readJobs(j -> j.stream().filter(v -> v.contains(chapterId)).count() >= count, Duration.ofSeconds(30))
                .stream().filter(v -> v.contains(chapterId))
                .map(v -> MessageCodec.decode(v.getBytes(StandardCharsets.UTF_8), PageJob.class)).toList();
    }

    private CompletableFuture<Void> events(String key, String chapterId, List<String> lines) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("v1/chapters/" + chapterId + "/events"))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> {
                    try (Stream<String> body = r.body()) {
                        body.forEach(lines::add);
                    }
                });
    }
}
