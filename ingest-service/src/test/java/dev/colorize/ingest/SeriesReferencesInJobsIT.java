package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.platform.coloring.SeriesReference;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.webhook.PageRecoloredWebhook;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A series' references reach its pages' jobs: every job of a chapter uploaded to the series names the references the
 * series has then (stored with the page's coloring request too), a recolor names those it has at the recolor (so a page
 * made a reference since is followed), and another publisher's series of the same id gives its chapters none. What the
 * worker reports of their use shows in the page's status, its revisions and the page.recolored webhook.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class SeriesReferencesInJobsIT {

    private static final int MODEL = 4;

    @Inject
    ObjectStore store;

    @Inject
    Jdbc jdbc;

    @Test
    void aChapterOfTheSeriesSendsJobsNamingItsReferencesAndAnotherPublishersSameNamedSeriesGetsNone() {
        var alice = Publishers.create();
        var bob = Publishers.create();
        String series = "jobs-" + UUID.randomUUID();
        SeriesReference withLines = add(alice, series, true);
        SeriesReference coloredOnly = add(alice, series, false);

        String alices = given().auth().oauth2(alice.apiKey()).multiPart("seriesId", series)
                .multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .multiPart("pages", "2.png", Pages.png(40, 30, 2), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        String bobs = SeriesReferencesIT.uploadChapter(bob, series);
        String noSeries = given().auth().oauth2(alice.apiKey()).multiPart("pages", "1.png", Pages.png(40, 30, 1),
                "image/png").post("/v1/chapters").then().statusCode(202).extract().path("chapterId");

        List<PageJob> jobs = jobs(alices, 2);
        assertThat(jobs).hasSize(2);
        assertThat(jobs).allSatisfy(j -> assertThat(j.request().references())
                .as("the series' references, oldest first").containsExactly(withLines, coloredOnly));
        assertThat(withLines.coloredKey()).isEqualTo(ObjectKeys.seriesReference(alice.id(), series, withLines.id(),
                "colored", "png"));
        assertThat(withLines.linesKey()).isNotNull();
        assertThat(coloredOnly.linesKey()).isNull();
        assertThat(storedRequest(alices, 2).references()).as("stored with the page's coloring")
                .containsExactly(withLines, coloredOnly);
        assertThat(jobs(bobs, 1)).singleElement().satisfies(j -> assertThat(j.request().hasReferences())
                .as("bob's series of the same id is his own, without references").isFalse());
        assertThat(jobs(noSeries, 1)).singleElement().satisfies(j -> assertThat(j.request().hasReferences()).isFalse());
    }

    @Test
    void aRecolorFollowsTheReferencesTheSeriesHasNowAndTheirUseShowsInStatusRevisionsAndWebhook() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            var alice = Publishers.create(receiver.url());
            String series = "recolor-" + UUID.randomUUID();
            String chapter = given().auth().oauth2(alice.apiKey()).multiPart("seriesId", series)
                    .multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                    .multiPart("pages", "2.png", Pages.png(40, 30, 2), "image/png")
                    .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
            assertThat(jobs(chapter, 2)).allSatisfy(j -> assertThat(j.request().hasReferences())
                    .as("the series had no references at upload").isFalse());

            Stack.publishResults(List.of(done(alice.id(), chapter, 1, 0).withReferenceUse(new ReferenceUse(40, 12)),
                    done(alice.id(), chapter, 2, 0)));
            Await.until("both pages done", Duration.ofSeconds(30), () -> "completed".equals(given().auth()
                    .oauth2(alice.apiKey()).get("/v1/chapters/" + chapter).then().extract().path("state")));
            given().auth().oauth2(alice.apiKey()).get("/v1/chapters/" + chapter).then().statusCode(200)
                    .body("pages[0].references.regions", equalTo(40)).body("pages[0].references.followed", equalTo(12))
                    .body("pages[1].references", nullValue());

            // page 2, corrected, becomes a reference; page 1 recolored then follows it
            String made = given().auth().oauth2(alice.apiKey()).contentType("application/json")
                    .body("{\"chapterId\":\"" + chapter + "\",\"page\":2}")
                    .post(SeriesReferencesIT.references(series) + "/from-page").then().statusCode(201)
                    .extract().path("id");
            given().auth().oauth2(alice.apiKey()).contentType("application/json")
                    .body("[{\"x\":5,\"y\":5,\"color\":\"#102030\"}]")
                    .post("/v1/chapters/" + chapter + "/pages/1/recolor").then().statusCode(202);
            PageJob recolor = jobs(chapter, 3).stream().filter(j -> j.page().recolor()).findFirst().orElseThrow();
            assertThat(recolor.request().references()).extracting(SeriesReference::id)
                    .containsExactly(UUID.fromString(made));
            assertThat(recolor.request().references().get(0).linesKey()).isEqualTo(ObjectKeys.seriesReference(
                    alice.id(), series, UUID.fromString(made), "lines", "png"));

            Stack.publishResults(List.of(done(alice.id(), chapter, 1, 1).withReferenceUse(new ReferenceUse(38, 30))));
            Await.until("page.recolored", Duration.ofSeconds(30), () -> receiver.received().stream()
                    .anyMatch(r -> r.body().contains(PageRecoloredWebhook.TYPE)));
            PageRecoloredWebhook event = PageRecoloredWebhook.parse(receiver.received().stream()
                    .filter(r -> r.body().contains(PageRecoloredWebhook.TYPE)).findFirst().orElseThrow().body());
            assertThat(event.data().references()).isEqualTo(new ReferenceUse(38, 30));
            given().auth().oauth2(alice.apiKey()).get("/v1/chapters/" + chapter).then()
                    .body("pages[0].revisionState", equalTo("done"))
                    .body("pages[0].revisionReferences.followed", equalTo(30))
                    .body("pages[0].references.followed", equalTo(12));
            given().auth().oauth2(alice.apiKey()).get("/v1/chapters/" + chapter + "/pages/1/revisions").then()
                    .body("[0].references.regions", equalTo(38));
        }
    }

    /** Adds a reference to the publisher's series, as the jobs name it. */
    private static SeriesReference add(Publishers.TestPublisher publisher, String series, boolean lines) {
        var request = given().auth().oauth2(publisher.apiKey())
                .multiPart("colored", "c.png", Pages.png(30, 20, 1), "image/png");
        if (lines) {
            request.multiPart("lines", "l.png", Pages.png(30, 20, 2), "image/png");
        }
        UUID id = UUID.fromString(request.post(SeriesReferencesIT.references(series)).then().statusCode(201)
                .extract().path("id"));
        String prefix = "references/" + publisher.id() + "/" + series + "/" + id;
        return new SeriesReference(id, prefix + ".colored.png", lines ? prefix + ".lines.png" : null);
    }

    private PageResult done(UUID publisherId, String chapter, int page, int revision) {
        String key = ObjectKeys.result(publisherId, UUID.fromString(chapter), page, revision, MODEL, "png");
        store.put(key, Pages.png(40, 30, 50 + page + revision), "image/png");
        return WorkerResults.done(UUID.fromString(chapter), page, revision, MODEL, key, null, null, null);
    }

    private ColoringRequest storedRequest(String chapter, int page) {
        return jdbc.queryOne("SELECT request::text FROM page_colorings WHERE chapter_id = ? AND page_number = ? "
                + "AND revision = 0", r -> MessageCodec.fromJson(r.getString(1), ColoringRequest.class),
                UUID.fromString(chapter), page).orElseThrow();
    }

    private static List<PageJob> jobs(String chapterId, int count) {
        return Stack.readJobs(j -> j.stream().filter(v -> v.contains(chapterId)).count() >= count, Duration.ofSeconds(30))
                .stream().filter(v -> v.contains(chapterId))
                .map(v -> MessageCodec.decode(v.getBytes(StandardCharsets.UTF_8), PageJob.class)).toList();
    }
}
