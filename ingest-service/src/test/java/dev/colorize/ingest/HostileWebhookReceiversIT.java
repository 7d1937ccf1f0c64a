package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ingest.HostileReceiver.Behaviour;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Webhook receivers that stall, never answer or never stop sending cannot hold up deliveries: each
 * attempt is bounded as a whole (the test profile's webhook.timeout is 3 s) and deliveries go out in
 * parallel on a bounded pool (webhook.concurrency is 4 in the test profile).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class HostileWebhookReceiversIT {

    private static String uploadOnePage(String key) {
        return given().auth().oauth2(key).multiPart("pages", "1.png", Pages.png(8, 8, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
    }

    private static PageResult failed(String chapterId) {
        return WorkerResults.failed(UUID.fromString(chapterId), 1, "bad sketch");
    }

    private static JsonPath delivery(Publishers.TestPublisher publisher, String chapterId) {
        return given().auth().oauth2(publisher.apiKey()).queryParam("chapterId", chapterId)
                .get("/v1/webhooks/deliveries").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void receiversThatStallOrNeverAnswerFailTheirAttemptsWithoutDelayingAnotherPublisher() throws Exception {
        try (var silent = new HostileReceiver(Behaviour.NEVER_ANSWERS);
                var stalling = new HostileReceiver(Behaviour.STALLS_MID_BODY);
                var endless = new HostileReceiver(Behaviour.ENDLESS_BODY);
                var wellBehaved = new WebhookReceiver(0)) {
            var silentPublisher = Publishers.create(silent.url());
            var stallingPublisher = Publishers.create(stalling.url());
            var endlessPublisher = Publishers.create(endless.url());
            var otherPublisher = Publishers.create(wellBehaved.url());
            String silentChapter = uploadOnePage(silentPublisher.apiKey());
            String stallingChapter = uploadOnePage(stallingPublisher.apiKey());
            String endlessChapter = uploadOnePage(endlessPublisher.apiKey());
            String otherChapter = uploadOnePage(otherPublisher.apiKey());

            Stack.publishResults(List.of(failed(silentChapter), failed(stallingChapter), failed(endlessChapter)));
            Await.until("both stalling receivers to hold a request", Duration.ofSeconds(30),
                    () -> !silent.held().isEmpty() && !stalling.held().isEmpty());
            Stack.publishResults(List.of(failed(otherChapter)));
            Await.until("the other publisher's webhook", Duration.ofSeconds(5), () -> wellBehaved.received().size() == 1);
            Instant otherArrived = Instant.now();

            // a 200 with a body that never ends is a success: a few KiB are read, then the connection is closed
            Await.until("the endless body to be cut", Duration.ofSeconds(10),
                    () -> "succeeded".equals(delivery(endlessPublisher, endlessChapter).getString("[0].state")));
            assertThat(delivery(endlessPublisher, endlessChapter).getList("[0].attempts.statusCode")).containsExactly(200);
            Await.until("the endless connection closed", Duration.ofSeconds(5), () -> endless.held().get(0).closed != null);

            // the stalling receivers fail each attempt at the deadline and are retried on the test schedule (0s,1s,1s)
            Await.until("the stalling deliveries to give up", Duration.ofSeconds(60),
                    () -> "failed".equals(delivery(silentPublisher, silentChapter).getString("[0].state"))
                            && "failed".equals(delivery(stallingPublisher, stallingChapter).getString("[0].state")));
            JsonPath silentAttempts = delivery(silentPublisher, silentChapter);
            assertThat(silentAttempts.getList("[0].attempts.error", String.class))
                    .hasSize(3).allMatch(e -> e.equals("no response within 3000 ms"));
            assertThat(silentAttempts.getList("[0].attempts.durationMs", Integer.class)).allMatch(ms -> ms < 5000);
            JsonPath stallingAttempts = delivery(stallingPublisher, stallingChapter);
            assertThat(stallingAttempts.getList("[0].attempts.statusCode")).containsExactly(200, 200, 200);
            assertThat(stallingAttempts.getList("[0].attempts.error", String.class))
                    .hasSize(3).allMatch(e -> e.equals("HTTP 200, then the body stalled: not complete within 3000 ms"));

            // one connection per attempt, each closed by the service at its deadline, none left open
            for (HostileReceiver receiver : List.of(silent, stalling)) {
                assertThat(receiver.held()).hasSize(3);
                Await.until("every connection closed", Duration.ofSeconds(5),
                        () -> receiver.held().stream().allMatch(h -> h.closed != null));
                assertThat(receiver.held().get(0).closed).as("first stalled connection closed after the other webhook")
                        .isAfter(otherArrived);
            }
        }
    }

    @Test
    void dueDeliveriesGoOutInParallelOnABoundedPoolEachExactlyOnce() throws Exception {
        try (var receiver = new SlowWebhookReceiver(Duration.ofSeconds(1))) {
            var publisher = Publishers.create(receiver.url());
            List<String> chapters = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                chapters.add(uploadOnePage(publisher.apiKey()));
            }
            Stack.publishResults(chapters.stream().map(HostileWebhookReceiversIT::failed).toList());

            Await.until("every chapter's webhook", Duration.ofSeconds(30), () -> receiver.ids().size() >= 12);
            Thread.sleep(2000); // time for a duplicate to show
            assertThat(receiver.ids()).hasSize(12);
            assertThat(new HashSet<>(receiver.ids())).hasSize(12);
            assertThat(receiver.maxInFlight()).as("requests in flight at once").isBetween(2, 4);
            for (String chapter : chapters) {
                JsonPath d = delivery(publisher, chapter);
                assertThat(d.getString("[0].state")).isEqualTo("succeeded");
                assertThat(d.getInt("[0].attemptCount")).isEqualTo(1);
            }
        }
    }
}
