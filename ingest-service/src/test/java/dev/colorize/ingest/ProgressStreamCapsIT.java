package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 26 item 9a: each progress stream polled the database on its own and nothing capped how many were open. Streams
 * are capped per publisher (429) and in all (503), each with a problem naming the cap, a closed stream gives its place
 * back, and streams of one chapter share one poll.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
@TestProfile(ProgressStreamCapsIT.TwoPerPublisherThreeInAll.class)
class ProgressStreamCapsIT {

    /** Small caps, so the test reaches them. */
    public static class TwoPerPublisherThreeInAll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("colorize.ingest.events.max-streams-per-publisher", "2",
                    "colorize.ingest.events.max-streams", "3");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<InputStream> open = new ArrayList<>();

    @AfterEach
    void closeStreams() throws Exception {
        for (InputStream stream : open) {
            stream.close();
        }
        Await.until("the service saw the streams close", Duration.ofSeconds(10),
                () -> metric("colorize_ingest_events_streams") == 0);
    }

    @Test
    void streamsAreCappedPerPublisherAndInAllAndAClosedStreamGivesItsPlaceBack() throws Exception {
        var alice = Publishers.create();
        var bob = Publishers.create();
        String alicesChapter = chapter(alice);
        String bobsChapter = chapter(bob);

        InputStream first = stream(alice, alicesChapter);
        stream(alice, alicesChapter);
        HttpResponse<String> third = events(alice, alicesChapter);
        assertThat(third.statusCode()).as("alice's third stream").isEqualTo(429);
        assertThat(third.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(third.body());
        assertThat(problem.get("type").asText()).endsWith("/too-many-streams");
        assertThat(problem.get("detail").asText()).contains("2 progress streams");

        stream(bob, bobsChapter);
        HttpResponse<String> fourth = events(bob, bobsChapter);
        assertThat(fourth.statusCode()).as("the service's fourth stream").isEqualTo(503);
        assertThat(JSON.readTree(fourth.body()).get("type").asText()).endsWith("/streams-exhausted");

        first.close();
        Await.until("alice's closed stream gives its place back", Duration.ofSeconds(10), () -> opens(alice, alicesChapter));
    }

    @Test
    void streamsOfOneChapterShareOnePoll() throws Exception {
        var alice = Publishers.create();
        String chapter = chapter(alice);

        stream(alice, chapter);
        stream(alice, chapter);

        assertThat(metric("colorize_ingest_events_streams")).isEqualTo(2);
        assertThat(metric("colorize_ingest_events_chapter_polls")).as("one poll for both").isEqualTo(1);
    }

    private static String chapter(Publishers.TestPublisher publisher) {
        return given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
    }

    /** An open stream, once its first event arrived (no worker colors the chapter, so it stays open). */
    private InputStream stream(Publishers.TestPublisher publisher, String chapter) throws Exception {
        HttpResponse<InputStream> response = events(publisher, chapter, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        InputStream body = response.body();
        open.add(body);
        StringBuilder read = new StringBuilder();
        for (int b = body.read(); b >= 0 && !read.toString().contains("event:"); b = body.read()) {
            read.append((char) b);
        }
        assertThat(read.toString()).as("the stream's first event").contains("event:");
        return body;
    }

    /** Whether a stream opens (and then closes it). */
    private boolean opens(Publishers.TestPublisher publisher, String chapter) {
        try {
            HttpResponse<InputStream> response = events(publisher, chapter, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode() == 200;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> events(Publishers.TestPublisher publisher, String chapter) throws Exception {
        return events(publisher, chapter, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> events(Publishers.TestPublisher publisher, String chapter,
            HttpResponse.BodyHandler<T> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("v1/chapters/" + chapter + "/events"))
                .header("Authorization", "Bearer " + publisher.apiKey()).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, body);
    }

    private static double metric(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }
}
