package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A series' reference art through the API: added (colored image, optional line art), listed in the order added, read,
 * its images served as stored (bytes after an image's end cut off), deleted with its objects; made from a finished
 * page of the series (copied, so it outlives the chapter); bad uploads refused naming the part and file, with nothing
 * stored; another publisher's series answers as one that does not exist. (The test profile allows 3 per series.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class SeriesReferencesIT {

    private static final int MODEL = 3;

    @Inject
    ObjectStore store;

    @Test
    void aReferenceIsAddedListedReadServedAndDeletedWithItsImages() {
        var alice = Publishers.create();
        String series = "refs-" + UUID.randomUUID();
        byte[] colored = Pages.png(60, 40, 1);
        byte[] lines = Pages.png(90, 60, 2);
        byte[] polyglot = concat(colored, "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));

        JsonPath first = given().auth().oauth2(alice.apiKey())
                .multiPart("colored", "aiko.png", polyglot, "image/png")
                .multiPart("lines", "aiko-lines.png", lines, "image/png")
                .post(references(series)).then().statusCode(201)
                .header("Location", containsString(references(series) + "/")).extract().jsonPath();
        String id = first.getString("id");
        assertThat(first.getString("coloredName")).isEqualTo("aiko.png");
        assertThat(first.getString("linesName")).isEqualTo("aiko-lines.png");
        assertThat(first.getInt("width")).isEqualTo(60);
        assertThat(first.getInt("height")).isEqualTo(40);
        assertThat(first.getBoolean("hasLines")).isTrue();
        assertThat(first.getString("coloredUrl")).isEqualTo(references(series) + "/" + id + "/colored");
        assertThat(first.getString("linesUrl")).isEqualTo(references(series) + "/" + id + "/lines");
        assertThat(first.getString("createdAt")).isNotBlank();
        assertThat(first.getString("source")).isNull();
        given().auth().oauth2(alice.apiKey()).get("/v1/series/" + series + "/palette").then().statusCode(200)
                .body("entries", equalTo(List.of()));

        String second = given().auth().oauth2(alice.apiKey())
                .multiPart("colored", "sheet.jpg", Pages.jpeg(30, 30, 3), "image/jpeg")
                .post(references(series)).then().statusCode(201).body("hasLines", equalTo(false))
                .body("linesUrl", nullValue()).body("linesName", nullValue()).extract().path("id");

        given().auth().oauth2(alice.apiKey()).get(references(series)).then().statusCode(200)
                .body("id", equalTo(List.of(id, second))).body("coloredName", equalTo(List.of("aiko.png", "sheet.jpg")));
        given().auth().oauth2(alice.apiKey()).get(references(series) + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("seriesId", equalTo(series));
        assertThat(stream(alice.apiKey(), references(series) + "/" + id + "/colored"))
                .as("served as stored, without what followed the image's end").isEqualTo(colored);
        assertThat(stream(alice.apiKey(), references(series) + "/" + id + "/lines")).isEqualTo(lines);
        given().auth().oauth2(alice.apiKey()).queryParam("delivery", "stream")
                .get(references(series) + "/" + id + "/colored").then().contentType("image/png");
        given().auth().oauth2(alice.apiKey()).redirects().follow(false)
                .get(references(series) + "/" + id + "/colored").then().statusCode(307);
        given().auth().oauth2(alice.apiKey()).get(references(series) + "/" + second + "/lines").then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(store.list("references/" + alice.id() + "/" + series + "/")).containsExactlyInAnyOrder(
                ObjectKeys.seriesReference(alice.id(), series, UUID.fromString(id), "colored", "png"),
                ObjectKeys.seriesReference(alice.id(), series, UUID.fromString(id), "lines", "png"),
                ObjectKeys.seriesReference(alice.id(), series, UUID.fromString(second), "colored", "jpg"));

        given().auth().oauth2(alice.apiKey()).delete(references(series) + "/" + id).then().statusCode(204);
        given().auth().oauth2(alice.apiKey()).get(references(series) + "/" + id).then().statusCode(404);
        given().auth().oauth2(alice.apiKey()).get(references(series) + "/" + id + "/colored").then().statusCode(404);
        given().auth().oauth2(alice.apiKey()).delete(references(series) + "/" + id).then().statusCode(404);
        given().auth().oauth2(alice.apiKey()).get(references(series)).then().statusCode(200)
                .body("id", equalTo(List.of(second)));
        assertThat(store.list("references/" + alice.id() + "/" + series + "/")).as("its objects went with it")
                .containsExactly(ObjectKeys.seriesReference(alice.id(), series, UUID.fromString(second), "colored", "jpg"));
    }

    @Test
    void badUploadsAreRefusedNamingTheFileAndLeaveNothingStored() {
        var alice = Publishers.create();
        String series = "bad-" + UUID.randomUUID();

        given().auth().oauth2(alice.apiKey()).multiPart("colored", "notes.txt",
                "just text, no picture".getBytes(StandardCharsets.UTF_8), "image/png")
                .post(references(series)).then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/unsupported-format")).body("file", equalTo("notes.txt"))
                .body("field", equalTo("colored")).body("detail", containsString("The 'colored' file 'notes.txt'"));
        given().auth().oauth2(alice.apiKey()).multiPart("colored", "huge.png", Pages.pngHeaderOnly(20000, 20000),
                "image/png").post(references(series)).then().statusCode(413)
                .body("type", endsWith("/too-many-pixels")).body("file", equalTo("huge.png"))
                .body("detail", containsString("20000x20000"));
        given().auth().oauth2(alice.apiKey()).multiPart("colored", "page.png", Pages.png(60, 40, 1), "image/png")
                .multiPart("lines", "portrait.png", Pages.png(40, 60, 2), "image/png")
                .post(references(series)).then().statusCode(400).body("type", endsWith("/lines-aspect-mismatch"))
                .body("file", equalTo("portrait.png")).body("field", equalTo("lines"))
                .body("detail", containsString("'portrait.png' is 40x60"));
        given().auth().oauth2(alice.apiKey()).multiPart("colored", "page.png", Pages.png(60, 40, 1), "image/png")
                .multiPart("lines", "cut.png", Arrays.copyOf(Pages.png(60, 40, 2), 200), "image/png")
                .post(references(series)).then().statusCode(400).body("type", endsWith("/corrupt-image"))
                .body("file", equalTo("cut.png")).body("field", equalTo("lines"));
        given().auth().oauth2(alice.apiKey()).multiPart("lines", "l.png", Pages.png(60, 40, 2), "image/png")
                .post(references(series)).then().statusCode(400).body("type", endsWith("/missing-colored"))
                .body("field", equalTo("colored"));
        given().auth().oauth2(alice.apiKey()).multiPart("pages", "p.png", Pages.png(60, 40, 2), "image/png")
                .post(references(series)).then().statusCode(400).body("type", endsWith("/unknown-part"))
                .body("file", equalTo("p.png"));
        assertThat(store.list("references/" + alice.id() + "/")).as("nothing of a refused upload is stored").isEmpty();

        for (int i = 1; i <= 3; i++) {
            given().auth().oauth2(alice.apiKey()).multiPart("colored", i + ".png", Pages.png(30, 20, i), "image/png")
                    .post(references(series)).then().statusCode(201);
        }
        given().auth().oauth2(alice.apiKey()).multiPart("colored", "fourth.png", Pages.png(30, 20, 4), "image/png")
                .post(references(series)).then().statusCode(409).body("type", endsWith("/too-many-references"))
                .body("file", equalTo("fourth.png")).body("detail", containsString("has 3 references, the limit"));
        given().auth().oauth2(alice.apiKey()).get(references(series)).then().body("coloredName",
                equalTo(List.of("1.png", "2.png", "3.png")));
        assertThat(store.list("references/" + alice.id() + "/")).hasSize(3);
        given().auth().oauth2(alice.apiKey()).multiPart("colored", "x.png", Pages.png(30, 20, 4), "image/png")
                .post(references("-bad-")).then().statusCode(400).body("type", endsWith("/invalid-series-id"));
    }

    @Test
    void anotherPublisherCannotListReadDeleteOrUseTheReferences() {
        var alice = Publishers.create();
        var bob = Publishers.create();
        String series = "own-" + UUID.randomUUID();
        String nobodys = "none-" + UUID.randomUUID();
        String id = given().auth().oauth2(alice.apiKey()).multiPart("colored", "a.png", Pages.png(30, 20, 1), "image/png")
                .multiPart("lines", "a-lines.png", Pages.png(30, 20, 2), "image/png")
                .post(references(series)).then().statusCode(201).extract().path("id");
        String chapter = uploadChapter(alice, series);
        Stack.publishResults(List.of(colored(alice.id(), chapter, 1, Pages.png(40, 30, 7))));
        Await.until("page 1 done", Duration.ofSeconds(30), () -> "done".equals(pageState(alice, chapter, 1)));

        for (String s : List.of(series, nobodys)) {
            String as = "as for a series bob does not have: " + s;
            given().auth().oauth2(bob.apiKey()).get(references(s)).then().statusCode(404)
                    .body("detail", equalTo("Series " + s + " does not exist"));
            for (String path : List.of("", "/colored", "/lines")) {
                given().auth().oauth2(bob.apiKey()).get(references(s) + "/" + id + path).then().statusCode(404)
                        .contentType("application/problem+json").body("detail", equalTo("Series " + s + " does not exist"));
            }
            given().auth().oauth2(bob.apiKey()).delete(references(s) + "/" + id).then().statusCode(404)
                    .body("detail", equalTo("Series " + s + " does not exist"));
            given().auth().oauth2(bob.apiKey()).contentType("application/json")
                    .body("{\"chapterId\":\"" + chapter + "\",\"page\":1}").post(references(s) + "/from-page").then()
                    .statusCode(404).body("detail", equalTo("Series " + s + " does not exist"));
        }
        // bob's own series of the same id is another series: his reference there does not touch alice's
        given().auth().oauth2(bob.apiKey()).multiPart("colored", "b.png", Pages.png(30, 20, 3), "image/png")
                .post(references(series)).then().statusCode(201);
        given().auth().oauth2(bob.apiKey()).get(references(series)).then().statusCode(200).body("coloredName",
                equalTo(List.of("b.png")));
        given().auth().oauth2(bob.apiKey()).get(references(series) + "/" + id).then().statusCode(404);
        given().auth().oauth2(bob.apiKey()).delete(references(series) + "/" + id).then().statusCode(404);
        given().auth().oauth2(bob.apiKey()).contentType("application/json")
                .body("{\"chapterId\":\"" + chapter + "\",\"page\":1}").post(references(series) + "/from-page").then()
                .statusCode(404).body("detail", equalTo("Chapter " + chapter + " does not exist"));

        given().auth().oauth2(alice.apiKey()).get(references(series)).then().statusCode(200)
                .body("id", equalTo(List.of(id)));
        assertThat(stream(alice.apiKey(), references(series) + "/" + id + "/colored")).isEqualTo(Pages.png(30, 20, 1));
    }

    @Test
    void aDonePageBecomesAReferenceThatOutlivesItsChapterAndAPageNotDoneIsRefused() {
        var alice = Publishers.create();
        String series = "pages-" + UUID.randomUUID();
        byte[] sketch = Pages.png(40, 30, 1);
        String chapter = given().auth().oauth2(alice.apiKey()).multiPart("seriesId", series)
                .multiPart("pages", "p1.png", sketch, "image/png")
                .multiPart("pages", "p2.png", Pages.png(40, 30, 2), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        String otherSeries = uploadChapter(alice, "other-" + UUID.randomUUID());

        fromPage(alice, series, chapter, 1).statusCode(409).body("type", endsWith("/page-not-done"))
                .body("detail", containsString("Page 1 of chapter " + chapter + " has no done coloring (it is queued)"));
        byte[] result = Pages.png(40, 30, 100);
        Stack.publishResults(List.of(colored(alice.id(), chapter, 1, result),
                WorkerResults.failed(UUID.fromString(chapter), 2, "page 2: boom")));
        Await.until("both pages finished", Duration.ofSeconds(30), () -> "failed".equals(pageState(alice, chapter, 2))
                && "done".equals(pageState(alice, chapter, 1)));
        fromPage(alice, series, chapter, 2).statusCode(409).body("type", endsWith("/page-not-done"));
        fromPage(alice, series, chapter, 3).statusCode(404);
        fromPage(alice, series, otherSeries, 1).statusCode(409).body("type", endsWith("/chapter-of-another-series"));
        given().auth().oauth2(alice.apiKey()).contentType("application/json").body("{\"chapterId\":\"x\",\"page\":1}")
                .post(references(series) + "/from-page").then().statusCode(400).body("field", equalTo("chapterId"));
        given().auth().oauth2(alice.apiKey()).contentType("application/json")
                .body("{\"chapterId\":\"" + chapter + "\",\"page\":\"one\"}").post(references(series) + "/from-page")
                .then().statusCode(400).body("field", equalTo("page"));

        JsonPath made = fromPage(alice, series, chapter, 1).statusCode(201).extract().jsonPath();
        String id = made.getString("id");
        assertThat(made.getString("source.chapterId")).isEqualTo(chapter);
        assertThat(made.getInt("source.pageNumber")).isEqualTo(1);
        assertThat(made.getInt("source.revision")).isZero();
        assertThat(made.getBoolean("hasLines")).isTrue();
        assertThat(made.getString("linesName")).isEqualTo("p1.png");
        assertThat(made.getInt("width")).isEqualTo(40);

        given().auth().oauth2(alice.apiKey()).delete("/v1/chapters/" + chapter).then().statusCode(204);
        assertThat(stream(alice.apiKey(), references(series) + "/" + id + "/colored"))
                .as("the colored page, copied: it outlives the chapter").isEqualTo(result);
        assertThat(stream(alice.apiKey(), references(series) + "/" + id + "/lines")).as("the page as uploaded")
                .isEqualTo(sketch);
    }

    private io.restassured.response.ValidatableResponse fromPage(Publishers.TestPublisher publisher, String series,
            String chapter, int page) {
        return given().auth().oauth2(publisher.apiKey()).contentType("application/json")
                .body("{\"chapterId\":\"" + chapter + "\",\"page\":" + page + "}")
                .post(references(series) + "/from-page").then();
    }

    static String uploadChapter(Publishers.TestPublisher publisher, String series) {
        return given().auth().oauth2(publisher.apiKey()).multiPart("seriesId", series)
                .multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
    }

    static String pageState(Publishers.TestPublisher publisher, String chapter, int page) {
        return given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + chapter).then().extract()
                .path("pages[" + (page - 1) + "].state");
    }

    private PageResult colored(UUID publisherId, String chapter, int page, byte[] png) {
        String key = ObjectKeys.result(publisherId, UUID.fromString(chapter), page, 0, MODEL, "png");
        store.put(key, png, "image/png");
        return WorkerResults.done(UUID.fromString(chapter), page, MODEL, key);
    }

    static String references(String series) {
        return "/v1/series/" + series + "/references";
    }

    static byte[] stream(String key, String path) {
        return given().auth().oauth2(key).queryParam("delivery", "stream").get(path).then().statusCode(200)
                .extract().asByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
