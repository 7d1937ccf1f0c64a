package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.platform.hints.ColorHints;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Color hints at upload, as 'hints' parts or inside the CBZ beside their pages: stored beside the sketches, recorded
 * on the page, named in the page's job; hint files are never pages. Every bad hint is a 400 naming the page (or the
 * file) and leaves nothing behind.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class ColorHintsIT {

    private static final String POINTS = "[{\"x\":10,\"y\":12,\"color\":\"#D03030\"},{\"x\":30.5,\"y\":5,\"color\":\"#3050e0\",\"radius\":6}]";

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectStore store;

    @Test
    void hintPartsAreStoredBesideTheirPagesAndNamedInTheirJobs() {
        var publisher = Publishers.create();
        byte[] dots = Pages.hintPng(20, 15);
        String id = given().auth().oauth2(publisher.apiKey())
                .multiPart("pages", "a.png", Pages.png(40, 30, 1), "image/png")
                .multiPart("pages", "b.png", Pages.png(40, 30, 2), "image/png")
                .multiPart("pages", "c.png", Pages.png(40, 30, 3), "image/png")
                .multiPart("hints", "a.hints.png", dots, "image/png")
                .multiPart("hints", "b.hints.json", POINTS.getBytes(StandardCharsets.UTF_8), "application/json")
                .post("/v1/chapters").then().statusCode(202).body("pageCount", equalTo(3)).extract().path("chapterId");
        UUID chapter = UUID.fromString(id);

        String imageKey = ObjectKeys.hints(publisher.id(), chapter, 1, 0, "png");
        String pointsKey = ObjectKeys.hints(publisher.id(), chapter, 2, 0, "json");
        assertThat(store.get(imageKey)).isEqualTo(dots);
        ColorHints stored = ColorHints.parse(new String(store.get(pointsKey), StandardCharsets.UTF_8));
        assertThat(stored.points()).containsExactly(new ColorHints.Point(10, 12, "#d03030", 4),
                new ColorHints.Point(30.5, 5, "#3050e0", 6));
        assertThat(jobs(id)).containsEntry(1, imageKey).containsEntry(2, pointsKey).containsEntry(3, "none");
        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then().statusCode(200)
                .body("pages[0].hinted", equalTo(true)).body("pages[1].hinted", equalTo(true))
                .body("pages[2].hinted", equalTo(null));

        given().auth().oauth2(publisher.apiKey()).delete("/v1/chapters/" + id).then().statusCode(204);
        assertThat(store.size(imageKey)).isEmpty();
        assertThat(store.size(pointsKey)).isEmpty();
    }

    @Test
    void hintFilesInsideTheArchiveGoWithThePageOfTheirNameAndAreNotPages() {
        var publisher = Publishers.create();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ch/001.png", Pages.png(40, 30, 1));
        entries.put("ch/001.hints.json", POINTS.getBytes(StandardCharsets.UTF_8));
        entries.put("ch/002.png", Pages.png(80, 60, 2));
        entries.put("ch/002.hints.png", Pages.hintPng(40, 30));
        entries.put("ch/003.png", Pages.png(40, 30, 3));
        String id = given().auth().oauth2(publisher.apiKey())
                .multiPart("archive", "chapter.cbz", Pages.zip(entries), "application/vnd.comicbook+zip")
                .post("/v1/chapters").then().statusCode(202).body("pageCount", equalTo(3)).extract().path("chapterId");
        UUID chapter = UUID.fromString(id);

        assertThat(jobs(id)).containsEntry(1, ObjectKeys.hints(publisher.id(), chapter, 1, 0, "json"))
                .containsEntry(2, ObjectKeys.hints(publisher.id(), chapter, 2, 0, "png")).containsEntry(3, "none");
        assertThat(store.get(ObjectKeys.hints(publisher.id(), chapter, 2, 0, "png"))).isEqualTo(entries.get("ch/002.hints.png"));
        assertThat(Stack.count(db, "SELECT count(*) FROM page_colorings WHERE chapter_id = ? AND request->>'hintsKey' IS NOT NULL", chapter))
                .isEqualTo(2);
    }

    @Test
    void badPointsAreRefusedNamingThePageAndNothingIsStored() {
        rejected(points("[{\"x\":40,\"y\":2,\"color\":\"#d03030\"}]"), 400, "invalid-hints", 2)
                .body("detail", containsString("point 1 (40.0, 2.0) is outside the page (40x30 pixels)"))
                .body("file", equalTo("b.hints.json"));
        rejected(points("[{\"x\":1,\"y\":2,\"color\":\"red\"}]"), 400, "invalid-hints", 2)
                .body("detail", containsString("'red', not #rrggbb"));
        rejected(points("[{\"x\":1,\"y\":2}]"), 400, "invalid-hints", 2)
                .body("detail", containsString("needs either a color"));
        rejected(points("[{\"x\":1,\"y\":2,\"color\":\"#d03030\",\"radius\":0}]"), 400, "invalid-hints", 2);
        rejected(points("{\"x\":1"), 400, "invalid-hints", 2).body("detail", containsString("are not JSON"));
        rejected(points("[{\"x\":1,\"y\":2,\"name\":\"Aiko hair\"}]"), 400, "unknown-palette-name", 2)
                .body("detail", containsString("names no seriesId"));
    }

    @Test
    void badHintImagesAndHintsForNoPageAreRefusedAndNothingIsStored() {
        rejected(request -> request.multiPart("hints", "b.hints.png", Pages.hintPng(40, 20), "image/png"), 400,
                "invalid-hints", 2).body("detail", containsString("not of the page's aspect"));
        rejected(request -> request.multiPart("hints", "b.hints.png", Pages.png(40, 30, 9), "image/png"), 400,
                "invalid-hints", 2).body("detail", containsString("alpha channel"));
        rejected(request -> request.multiPart("hints", "b.hints.png", Pages.jpeg(40, 30, 9), "image/png"), 400,
                "invalid-hints", 2);
        rejected(request -> request.multiPart("hints", "z.hints.json", "[]".getBytes(StandardCharsets.UTF_8),
                "application/json"), 400, "unknown-hint-page", null).body("file", equalTo("z.hints.json"));
        rejected(request -> request.multiPart("hints", "b.json", "[]".getBytes(StandardCharsets.UTF_8),
                "application/json"), 400, "invalid-hints", null);
        rejected(request -> request.multiPart("hints", "b.hints.json", POINTS.getBytes(StandardCharsets.UTF_8), "application/json")
                .multiPart("hints", "b.hints.png", Pages.hintPng(40, 30), "image/png"), 400, "duplicate-hints", 2);
    }

    @Test
    void aHintInsideTheArchiveForAPageItDoesNotHoldIsRefused() {
        var publisher = Publishers.create();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("001.png", Pages.png(40, 30, 1));
        entries.put("003.hints.json", POINTS.getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(publisher.apiKey())
                .multiPart("archive", "chapter.cbz", Pages.zip(entries), "application/vnd.comicbook+zip")
                .post("/v1/chapters").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/unknown-hint-page")).body("file", equalTo("003.hints.json"));
        assertThat(Stack.count(db, "SELECT count(*) FROM chapters WHERE publisher_id = ?", publisher.id())).isZero();
        assertThat(Stack.objects(store, publisher.id())).isEmpty();
    }

    private static java.util.function.UnaryOperator<RequestSpecification> points(String json) {
        return request -> request.multiPart("hints", "b.hints.json", json.getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    /** Pages a.png and b.png (40x30) with the hints given: refused with the problem, leaving nothing behind. */
    private ValidatableResponse rejected(java.util.function.UnaryOperator<RequestSpecification> hints, int status,
            String code, Integer page) {
        var publisher = Publishers.create();
        RequestSpecification request = given().auth().oauth2(publisher.apiKey())
                .multiPart("pages", "a.png", Pages.png(40, 30, 1), "image/png")
                .multiPart("pages", "b.png", Pages.png(40, 30, 2), "image/png");
        ValidatableResponse response = hints.apply(request).post("/v1/chapters").then().statusCode(status)
                .contentType("application/problem+json").body("type", endsWith("/" + code)).body("page", equalTo(page));
        assertThat(Stack.count(db, "SELECT count(*) FROM chapters WHERE publisher_id = ?", publisher.id())).isZero();
        assertThat(Stack.objects(store, publisher.id())).isEmpty();
        return response;
    }

    /** Each page's hints key in its job ("none" without hints). */
    static Map<Integer, String> jobs(String chapterId) {
        return Stack.readJobs(j -> j.stream().filter(v -> v.contains(chapterId)).count() >= 3, Duration.ofSeconds(30))
                .stream().filter(v -> v.contains(chapterId))
                .map(v -> MessageCodec.decode(v.getBytes(StandardCharsets.UTF_8), PageJob.class))
                .collect(Collectors.toMap(PageJob::pageNumber, j -> j.request().hasHints() ? j.request().hintsKey() : "none", (a, b) -> a));
    }
}
