package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.platform.hints.ColorHints;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A series' palette names colors once for all its chapters: point hints naming an entry get its color in every chapter
 * of the series (uploaded as parts or in a CBZ, and in a recolor), resolved when stored. Series ids are each
 * publisher's own: another publisher's series of the same name is a different series, and no answer tells whether one
 * exists.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class SeriesPaletteIT {

    private static final String PALETTE = "{\"entries\":[{\"name\":\"Aiko hair\",\"color\":\"#D03030\"},"
            + "{\"name\":\"Sky\",\"color\":\"#3050e0\"}]}";

    @Inject
    ObjectStore store;

    @Inject
    Jdbc jdbc;

    @Test
    void aPaletteNameGetsTheSameColorInEveryChapterOfTheSeries() {
        var alice = Publishers.create();
        String series = "aiko-" + UUID.randomUUID();
        given().auth().oauth2(alice.apiKey()).contentType("application/json").body(PALETTE)
                .put("/v1/series/" + series + "/palette").then().statusCode(200)
                .body("entries[0].color", equalTo("#d03030"));
        given().auth().oauth2(alice.apiKey()).get("/v1/series/" + series + "/palette").then().statusCode(200)
                .body("entries.name", equalTo(List.of("Aiko hair", "Sky")));

        String hair = "[{\"x\":5,\"y\":5,\"name\":\"aiko HAIR\"},{\"x\":6,\"y\":6,\"color\":\"#000000\"}]";
        String first = given().auth().oauth2(alice.apiKey()).multiPart("seriesId", series)
                .multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .multiPart("hints", "1.hints.json", hair.getBytes(StandardCharsets.UTF_8), "application/json")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        Map<String, byte[]> cbz = new LinkedHashMap<>();
        cbz.put("01.png", Pages.png(40, 30, 2));
        cbz.put("01.hints.json", "[{\"x\":9,\"y\":9,\"name\":\"Aiko hair\",\"radius\":2}]".getBytes(StandardCharsets.UTF_8));
        String second = given().auth().oauth2(alice.apiKey()).multiPart("seriesId", series)
                .multiPart("archive", "ch2.cbz", Pages.zip(cbz), "application/zip")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");

        assertThat(storedColors(alice.id(), first, 0)).containsExactly("#d03030", "#000000");
        assertThat(storedColors(alice.id(), second, 0)).containsExactly("#d03030");

        given().auth().oauth2(alice.apiKey()).contentType("application/json")
                .body("{\"entries\":[{\"name\":\"Aiko hair\",\"color\":\"#a02080\"}]}")
                .put("/v1/series/" + series + "/palette").then().statusCode(200);
        assertThat(storedColors(alice.id(), first, 0)).as("stored hints keep the color they were given")
                .containsExactly("#d03030", "#000000");
        Stack.publishResults(List.of(WorkerResults.skipped(UUID.fromString(second), 1,
                ObjectKeys.passedThrough(alice.id(), UUID.fromString(second), 1, "png"))));
        Await.until("page 1 of the second chapter finished", Duration.ofSeconds(30), () -> "skipped".equals(given().auth()
                .oauth2(alice.apiKey()).get("/v1/chapters/" + second).then().extract().path("pages[0].state")));
        given().auth().oauth2(alice.apiKey()).contentType("application/json")
                .body("[{\"x\":9,\"y\":9,\"name\":\"Aiko hair\"}]")
                .post("/v1/chapters/" + second + "/pages/1/recolor").then().statusCode(202);
        assertThat(storedColors(alice.id(), second, 1)).as("a recolor names the palette as it is now")
                .containsExactly("#a02080");

        given().auth().oauth2(alice.apiKey()).multiPart("seriesId", series)
                .multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .multiPart("hints", "1.hints.json", "[{\"x\":5,\"y\":5,\"name\":\"Sky\"}]".getBytes(StandardCharsets.UTF_8),
                        "application/json")
                .post("/v1/chapters").then().statusCode(400).body("type", endsWith("/unknown-palette-name"))
                .body("detail", containsString("the palette of series " + series + " does not have"));
    }

    @Test
    void anotherPublisherCannotSquatASeriesId() {
        var alice = Publishers.create();
        var squatter = Publishers.create();
        String series = "s-" + UUID.randomUUID();
        given().auth().oauth2(squatter.apiKey()).contentType("application/json").body("{\"entries\":[]}")
                .put("/v1/series/" + series + "/palette").then().statusCode(200);

        given().auth().oauth2(alice.apiKey()).contentType("application/json").body(PALETTE)
                .put("/v1/series/" + series + "/palette").then().statusCode(200);
        given().auth().oauth2(alice.apiKey()).get("/v1/series/" + series + "/palette").then().statusCode(200)
                .body("entries[0].color", equalTo("#d03030"));
        given().auth().oauth2(squatter.apiKey()).get("/v1/series/" + series + "/palette").then().statusCode(200)
                .body("entries", equalTo(List.of()));
    }

    @Test
    void anotherPublishersSeriesAnswersAsASeriesNobodyHas() {
        var alice = Publishers.create();
        var bob = Publishers.create();
        String alices = "s-" + UUID.randomUUID();
        String nobodys = "n-" + UUID.randomUUID();
        given().auth().oauth2(alice.apiKey()).contentType("application/json").body(PALETTE)
                .put("/v1/series/" + alices + "/palette").then().statusCode(200);

        String hair = "[{\"x\":5,\"y\":5,\"name\":\"Aiko hair\"}]";
        for (String id : List.of(alices, nobodys)) {
            given().auth().oauth2(bob.apiKey()).get("/v1/series/" + id + "/palette").then().statusCode(404)
                    .contentType("application/problem+json").body("detail", equalTo("Series " + id + " does not exist"));
            given().auth().oauth2(bob.apiKey()).multiPart("seriesId", id)
                    .multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                    .multiPart("hints", "1.hints.json", hair.getBytes(StandardCharsets.UTF_8), "application/json")
                    .post("/v1/chapters").then().statusCode(400).body("type", endsWith("/unknown-palette-name"))
                    .body("detail", containsString("the palette of series " + id + " does not have"));
            given().auth().oauth2(bob.apiKey()).multiPart("seriesId", id)
                    .multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png").post("/v1/chapters").then()
                    .statusCode(202);
        }

        given().auth().oauth2(bob.apiKey()).contentType("application/json")
                .body("{\"entries\":[{\"name\":\"Aiko hair\",\"color\":\"#000000\"}]}")
                .put("/v1/series/" + alices + "/palette").then().statusCode(200);
        assertThat(storedColors(bob.id(), upload(bob, alices, hair), 0)).containsExactly("#000000");
        assertThat(storedColors(alice.id(), upload(alice, alices, hair), 0)).as("alice's palette stays hers")
                .containsExactly("#d03030");
    }

    @Test
    void aChapterNamesOnlyASeriesOfItsOwnPublisher() {
        var alice = Publishers.create();
        var bob = Publishers.create();
        String series = "own-" + UUID.randomUUID();
        UUID chapter = UUID.fromString(upload(alice, series, "[{\"x\":5,\"y\":5,\"color\":\"#102030\"}]"));

        assertThat(jdbc.queryOne("SELECT count(*) FROM series_palettes WHERE publisher_id = ? AND series_id = ?",
                r -> r.getLong(1), alice.id(), series)).as("the upload made the series alice's").contains(1L);
        assertThatThrownBy(() -> jdbc.update("UPDATE chapters SET publisher_id = ? WHERE id = ?", bob.id(), chapter))
                .rootCause().hasMessageContaining("foreign key");
        assertThat(jdbc.update("DELETE FROM publishers WHERE id = ?", alice.id())).as("a publisher still goes with its "
                + "chapters and series").isEqualTo(1);
    }

    private static String upload(Publishers.TestPublisher publisher, String series, String points) {
        return given().auth().oauth2(publisher.apiKey()).multiPart("seriesId", series)
                .multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .multiPart("hints", "1.hints.json", points.getBytes(StandardCharsets.UTF_8), "application/json")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
    }

    @Test
    void aBadPaletteOrSeriesIdIsRefused() {
        var alice = Publishers.create();
        String series = "bad-" + UUID.randomUUID();
        for (String body : List.of("{\"entries\":[{\"name\":\"A\",\"color\":\"#000000\"},{\"name\":\" a \",\"color\":\"#111111\"}]}",
                "{\"entries\":[{\"name\":\"A\",\"color\":\"black\"}]}", "{\"entries\":[{\"color\":\"#000000\"}]}", "{}")) {
            given().auth().oauth2(alice.apiKey()).contentType("application/json").body(body)
                    .put("/v1/series/" + series + "/palette").then().statusCode(400).body("type", endsWith("/invalid-palette"));
        }
        given().auth().oauth2(alice.apiKey()).get("/v1/series/" + series + "/palette").then().statusCode(404);
        given().auth().oauth2(alice.apiKey()).contentType("application/json").body(PALETTE)
                .put("/v1/series/-no-/palette").then().statusCode(400).body("type", endsWith("/invalid-series-id"));
    }

    private List<String> storedColors(UUID publisher, String chapter, int revision) {
        String json = new String(store.get(ObjectKeys.hints(publisher, UUID.fromString(chapter), 1, revision, "json")),
                StandardCharsets.UTF_8);
        return ColorHints.parse(json).points().stream().map(ColorHints.Point::color).toList();
    }
}
