package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.webhook.ChapterWebhook;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import io.agroal.api.AgroalDataSource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import dev.colorize.platform.messaging.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class ResultsAndWebhooksIT {

    @Inject
    ObjectStore store;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URL base;

    private static String upload(String key, int pages, String webhookUrl) {
        var request = given().auth().oauth2(key);
        for (int i = 1; i <= pages; i++) {
            request = request.multiPart("pages", i + ".png", Pages.png(8, 8, i), "image/png");
        }
        if (webhookUrl != null) {
            request = request.multiPart("webhookUrl", webhookUrl);
        }
        return request.post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
    }

    private String colored(UUID publisherId, String chapterId, int page) {
        String key = ObjectKeys.result(publisherId, UUID.fromString(chapterId), page, 7, "png");
        store.put(key, Pages.png(8, 8, 100 + page), "image/png");
        return key;
    }

    private static PageResult done(String chapterId, int page, String resultKey) {
        return WorkerResults.done(UUID.fromString(chapterId), page, 7, resultKey);
    }

    private static PageResult failed(String chapterId, int page, String error) {
        return WorkerResults.failed(UUID.fromString(chapterId), page, error);
    }

    private static JsonPath status(String key, String chapterId) {
        return given().auth().oauth2(key).get("/v1/chapters/" + chapterId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void resultsUpdatePagesOnceAndTheSignedWebhookIsRetriedListedAndResent() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(1)) {
            var publisher = Publishers.create(receiver.url());
            String id = upload(publisher.apiKey(), 3, null);
            String key1 = colored(publisher.id(), id, 1);
            String key2 = colored(publisher.id(), id, 2);

            Stack.publishResults(List.of(done(id, 1, key1), done(id, 2, key2), failed(id, 3, "out of memory"),
                    failed(id, 1, "late duplicate must not count")));
            Await.until("the chapter's final state", Duration.ofSeconds(30),
                    () -> status(publisher.apiKey(), id).getString("state").equals("completed_with_errors"));
            JsonPath chapter = status(publisher.apiKey(), id);
            assertThat(chapter.getInt("pagesDone")).isEqualTo(2);
            assertThat(chapter.getInt("pagesFailed")).isEqualTo(1);
            assertThat(chapter.getList("pages.state")).containsExactly("done", "done", "failed");
            assertThat(chapter.getString("pages[2].error")).isEqualTo("out of memory");
            assertThat(chapter.getList("modelVersions")).containsExactly(7);
            assertThat(chapter.getLong("processingMs")).isNotNegative();

            // a replayed result after the final state changes nothing
            Stack.publishResults(List.of(failed(id, 2, "replayed")));
            Thread.sleep(1500);
            assertThat(status(publisher.apiKey(), id).getList("pages.state")).containsExactly("done", "done", "failed");

            // first attempt answered 500, the retry (1 s in the test schedule) 204; same webhook-id, valid signatures
            Await.until("the retried webhook", Duration.ofSeconds(30), () -> receiver.received().size() >= 2);
            var first = receiver.received().get(0);
            var second = receiver.received().get(1);
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(WebhookReceiver.verifies(first, publisher.webhookSecret())).isTrue();
            assertThat(WebhookReceiver.verifies(second, publisher.webhookSecret())).isTrue();
            assertThat(WebhookReceiver.verifies(second, "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])))
                    .isFalse();
            ChapterWebhook event = ChapterWebhook.parse(second.body());
            assertThat(event.type()).isEqualTo("chapter.completed_with_errors");
            assertThat(event.data().chapterId()).hasToString(id);

            Await.until("the delivery recorded as succeeded", Duration.ofSeconds(10), () -> "succeeded".equals(
                    given().auth().oauth2(publisher.apiKey()).queryParam("chapterId", id).get("/v1/webhooks/deliveries")
                            .then().extract().path("[0].state")));
            given().auth().oauth2(publisher.apiKey()).queryParam("chapterId", id).get("/v1/webhooks/deliveries").then()
                    .body("[0].id", equalTo(first.id())).body("[0].attemptCount", equalTo(2))
                    .body("[0].attempts.statusCode", equalTo(List.of(500, 204)));

            // rotation: while it overlaps, a re-sent event carries both signatures
            String newSecret = given().auth().oauth2(publisher.apiKey()).post("/v1/webhooks/secret/rotate").then()
                    .statusCode(200).extract().path("secret");
            given().auth().oauth2(publisher.apiKey()).post("/v1/webhooks/deliveries/" + first.id() + "/resend").then()
                    .statusCode(202);
            Await.until("the re-sent webhook", Duration.ofSeconds(15), () -> receiver.received().size() >= 3);
            var resent = receiver.received().get(2);
            assertThat(resent.id()).isEqualTo(first.id());
            assertThat(resent.signatures()).hasSize(2);
            assertThat(WebhookReceiver.verifies(resent, newSecret)).isTrue();
            assertThat(WebhookReceiver.verifies(resent, publisher.webhookSecret())).isTrue();
            // another publisher cannot see or resend it
            var other = Publishers.create();
            given().auth().oauth2(other.apiKey()).post("/v1/webhooks/deliveries/" + first.id() + "/resend").then()
                    .statusCode(404);
        }
    }

    @Test
    void webhooksToInternalAddressesAreBlockedAndEveryAttemptIsRecorded() {
        var publisher = Publishers.create();
        String id = upload(publisher.apiKey(), 1, "http://169.254.169.254/latest/meta-data");
        Stack.publishResults(List.of(failed(id, 1, "bad sketch")));
        Await.until("the delivery to give up after the test schedule", Duration.ofSeconds(30), () -> "failed".equals(
                given().auth().oauth2(publisher.apiKey()).queryParam("chapterId", id).get("/v1/webhooks/deliveries")
                        .then().extract().path("[0].state")));
        given().auth().oauth2(publisher.apiKey()).queryParam("chapterId", id).get("/v1/webhooks/deliveries").then()
                .body("[0].eventType", equalTo("chapter.failed"))
                .body("[0].attempts.size()", equalTo(3))
                .body("[0].attempts[0].error", containsString("non-public address 169.254.169.254"));
    }

    @Test
    void resultsAreServedByRedirectStreamAndCbzAndDeleteRemovesEverything() throws Exception {
        var publisher = Publishers.create();
        String id = upload(publisher.apiKey(), 2, null);
        String key1 = colored(publisher.id(), id, 1);
        String key2 = colored(publisher.id(), id, 2);
        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id + "/archive").then().statusCode(409);
        Stack.publishResults(List.of(done(id, 2, key2), done(id, 1, key1)));
        Await.until("completed", Duration.ofSeconds(30),
                () -> status(publisher.apiKey(), id).getString("state").equals("completed"));

        byte[] streamed = given().auth().oauth2(publisher.apiKey()).queryParam("delivery", "stream")
                .get("/v1/chapters/" + id + "/pages/1/result").then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        assertThat(streamed).isEqualTo(store.get(key1));
        String location = given().auth().oauth2(publisher.apiKey()).redirects().follow(false)
                .get("/v1/chapters/" + id + "/pages/2/result").then().statusCode(307).extract().header("Location");
        HttpResponse<byte[]> presigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(presigned.statusCode()).isEqualTo(200);
        assertThat(presigned.body()).isEqualTo(store.get(key2));

        byte[] cbz = given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id + "/archive").then()
                .statusCode(200).extract().asByteArray();
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(cbz))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                assertThat(zip.readAllBytes()).isEqualTo(store.get(e.getName().startsWith("0001") ? key1 : key2));
            }
        }
        assertThat(names).containsExactly("0001.png", "0002.png");

        given().auth().oauth2(publisher.apiKey()).delete("/v1/chapters/" + id).then().statusCode(204);
        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then().statusCode(404);
        assertThat(store.list("sketches/" + publisher.id() + "/" + id + "/")).isEmpty();
        assertThat(store.size(key1)).isEmpty();
        // a late result for a deleted chapter is ignored, and the consumer keeps going
        Stack.publishResults(List.of(done(id, 1, key1)));
    }

    @Test
    void progressIsStreamedAsServerSentEventsUntilTheFinalState() throws Exception {
        var publisher = Publishers.create();
        String id = upload(publisher.apiKey(), 2, null);
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("v1/chapters/" + id + "/events"))
                .header("Authorization", "Bearer " + publisher.apiKey()).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> reading = stream.thenAccept(r -> r.body().forEach(lines::add));
        Thread.sleep(500);
        Stack.publishResults(List.of(done(id, 1, colored(publisher.id(), id, 1))));
        Await.until("a progress event with one page done", Duration.ofSeconds(20),
                () -> lines.stream().anyMatch(l -> l.contains("\"pagesDone\":1")));
        Stack.publishResults(List.of(failed(id, 2, "broken")));
        reading.get(20, java.util.concurrent.TimeUnit.SECONDS); // the stream ends after the final state

        assertThat(lines).contains("event:progress", "event:completed");
        assertThat(lines.stream().filter(l -> l.startsWith("data:")).toList())
                .first().asString().contains("\"pagesDone\":0");
        assertThat(lines.stream().filter(l -> l.startsWith("data:")).reduce((a, b) -> b).orElseThrow())
                .contains("\"state\":\"completed_with_errors\"");
    }

    @Test
    void aResultOutsideItsChapterOrUnreadableIsDeadLetteredAndNeverMarksThePageDone() {
        var victim = Publishers.create();
        String victimChapter = upload(victim.apiKey(), 1, null);
        String victimKey = colored(victim.id(), victimChapter, 1);
        var attacker = Publishers.create();
        String id = upload(attacker.apiKey(), 2, null);
        String garbageKey = "garbage-" + UUID.randomUUID();

        Stack.publishRawResults(List.of(Map.entry(garbageKey, "{not json".getBytes(StandardCharsets.UTF_8))));
        // page 1 points at another tenant's result, page 2 escapes its prefix; then a good result for page 2
        String escaping = ObjectKeys.resultPrefix(attacker.id(), UUID.fromString(id)) + "../../" + victimChapter + "/x.png";
        Stack.publishResults(List.of(done(id, 1, victimKey), done(id, 2, escaping), done(id, 2, colored(attacker.id(), id, 2))));

        Await.until("page 2's good result", Duration.ofSeconds(30),
                () -> status(attacker.apiKey(), id).getInt("pagesDone") == 1);
        JsonPath chapter = status(attacker.apiKey(), id);
        assertThat(chapter.getList("pages.state")).containsExactly("queued", "done");
        given().auth().oauth2(attacker.apiKey()).queryParam("delivery", "stream")
                .get("/v1/chapters/" + id + "/pages/1/result").then().statusCode(409);

        List<ConsumerRecord<String, String>> letters = Stack.read(Topics.RESULTS_DEAD_LETTER,
                values -> values.stream().filter(v -> v.contains(id) || v.equals("{not json")).count() >= 3,
                Duration.ofSeconds(30));
        assertThat(letters.stream().filter(r -> r.key().equals(garbageKey)).map(ConsumerRecord::value))
                .containsExactly("{not json");
        assertThat(letters.stream().filter(r -> r.value().contains(id)).map(r -> header(r, "colorize.error")))
                .containsExactly("result key " + victimKey + " is outside chapter " + id + "'s results",
                        "result key " + escaping + " is outside chapter " + id + "'s results");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("colorize_ingest_results_dead_lettered_total{reason=\"unreadable\"}"))
                .body(containsString("colorize_ingest_results_dead_lettered_total{reason=\"foreign-key\"}"));
    }

    @Test
    void aChapterPastItsDeadlineFailsItsUnfinishedPagesAndSendsItsWebhook() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            var publisher = Publishers.create(receiver.url());
            String id = upload(publisher.apiKey(), 3, null);
            Stack.publishResults(List.of(done(id, 1, colored(publisher.id(), id, 1))));
            Await.until("page 1 done", Duration.ofSeconds(30), () -> status(publisher.apiKey(), id).getInt("pagesDone") == 1);

            // the default deadline is hours: the chapter is made that old rather than the deadline short
            Stack.update(db, "UPDATE chapters SET created_at = now() - interval '7 hours' WHERE id = ?", UUID.fromString(id));
            Await.until("the deadline to end the chapter", Duration.ofSeconds(30),
                    () -> status(publisher.apiKey(), id).getString("state").equals("completed_with_errors"));
            JsonPath chapter = status(publisher.apiKey(), id);
            assertThat(chapter.getInt("pagesDone")).isEqualTo(1);
            assertThat(chapter.getInt("pagesFailed")).isEqualTo(2);
            assertThat(chapter.getList("pages.state")).containsExactly("done", "failed", "failed");
            assertThat(chapter.getList("pages.error")).containsExactly(null, "deadline exceeded", "deadline exceeded");

            Await.until("the webhook", Duration.ofSeconds(30), () -> !receiver.received().isEmpty());
            ChapterWebhook event = ChapterWebhook.parse(receiver.received().get(0).body());
            assertThat(event.type()).isEqualTo("chapter.completed_with_errors");
            assertThat(event.data().chapterId()).hasToString(id);
            // a late result after the deadline changes nothing
            Stack.publishResults(List.of(done(id, 2, colored(publisher.id(), id, 2))));
            Thread.sleep(1500);
            assertThat(status(publisher.apiKey(), id).getInt("pagesDone")).isEqualTo(1);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void deliveredWebhooksAreDeletedWithTheirAttemptsAfterTheRetention() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            var publisher = Publishers.create(receiver.url());
            String old = upload(publisher.apiKey(), 1, null);
            String recent = upload(publisher.apiKey(), 1, null);
            Stack.publishResults(List.of(failed(old, 1, "x"), failed(recent, 1, "x")));
            Await.until("both delivered", Duration.ofSeconds(30), () -> Stack.count(db,
                    "SELECT count(*) FROM webhook_deliveries WHERE publisher_id = ? AND state = 'succeeded'", publisher.id()) == 2);

            Stack.update(db, "UPDATE webhook_deliveries SET updated_at = now() - interval '31 days' WHERE chapter_id = ?",
                    UUID.fromString(old));
            Await.until("the old delivery pruned", Duration.ofSeconds(30), () -> Stack.count(db,
                    "SELECT count(*) FROM webhook_deliveries WHERE chapter_id = ?", UUID.fromString(old)) == 0);
            assertThat(Stack.count(db, "SELECT count(*) FROM webhook_deliveries WHERE chapter_id = ?", UUID.fromString(recent)))
                    .isEqualTo(1);
            assertThat(Stack.count(db, "SELECT count(*) FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id "
                    + "WHERE d.publisher_id = ?", publisher.id())).isEqualTo(1);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
