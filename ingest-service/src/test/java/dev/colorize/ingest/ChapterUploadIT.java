package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class ChapterUploadIT {

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectStore store;

    @Inject
    IngestConfig config;

    @Test
    void pagesAreStoredUnderPublisherAndChapterWithRowsAndOneOutboxJobEach() {
        Stack.modelVersion(db, 3, true);
        var publisher = Publishers.create();
        byte[] first = Pages.png(40, 30, 1);
        byte[] second = Pages.jpeg(20, 50, 2);
        String id = given().auth().oauth2(publisher.apiKey())
                .multiPart("pages", "a.png", first, "image/png")
                .multiPart("pages", "b.jpg", second, "image/jpeg")
                .multiPart("title", "Chapter 1").multiPart("outputFormat", "JPEG").multiPart("modelVersion", "3")
                .post("/v1/chapters").then().statusCode(202)
                .body("state", equalTo("queued")).body("pageCount", equalTo(2))
                .body("statusUrl", startsWith("http"))
                .extract().path("chapterId");

        String prefix = "sketches/" + publisher.id() + "/" + id + "/";
        assertThat(store.list(prefix)).containsExactly(prefix + "0001.png", prefix + "0002.jpg");
        assertThat(store.get(prefix + "0001.png")).isEqualTo(first);
        assertThat(Stack.count(db, "SELECT count(*) FROM pages WHERE chapter_id = ?", UUID.fromString(id))).isEqualTo(2);
        assertThat(Stack.count(db, "SELECT count(*) FROM outbox WHERE message_key = ?", id)).isEqualTo(2);

        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then().statusCode(200)
                .body("title", equalTo("Chapter 1")).body("outputFormat", equalTo("JPEG"))
                .body("modelVersionPin", equalTo(3))
                .body("pages[0].width", equalTo(40)).body("pages[0].height", equalTo(30))
                .body("pages[1].sourceFormat", equalTo("JPEG")).body("pages[1].state", equalTo("queued"));

        List<String> jobs = Stack.readJobs(v -> v.stream().filter(j -> j.contains(id)).count() == 2,
                java.time.Duration.ofSeconds(30));
        List<PageJob> mine = jobs.stream().filter(j -> j.contains(id))
                .map(j -> MessageCodec.decode(j.getBytes(), PageJob.class)).toList();
        assertThat(mine).extracting(PageJob::pageNumber).containsExactly(1, 2);
        assertThat(mine.get(0).sourceKey()).isEqualTo(prefix + "0001.png");
        assertThat(mine.get(0).request().modelVersion()).isEqualTo(3);
    }

    @Test
    void anArchiveGivesPagesInNaturalFileNameOrder() {
        var publisher = Publishers.create();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ch/10.png", Pages.png(10, 10, 10));
        entries.put("ch/2.png", Pages.png(2, 2, 2));
        entries.put("ch/1.png", Pages.png(1, 1, 1));
        entries.put("ComicInfo.xml", "<ComicInfo/>".getBytes());
        entries.put("ch/", new byte[0]);
        String id = given().auth().oauth2(publisher.apiKey())
                .multiPart("archive", "chapter.cbz", Pages.zip(entries), "application/zip")
                .post("/v1/chapters").then().statusCode(202).body("pageCount", equalTo(3)).extract().path("chapterId");

        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then()
                .body("pages.originalName", equalTo(List.of("ch/1.png", "ch/2.png", "ch/10.png")))
                .body("pages.width", equalTo(List.of(1, 2, 10)));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheSameChapter() {
        var publisher = Publishers.create();
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(publisher.apiKey()).header("Idempotency-Key", key)
                .multiPart("pages", "1.png", Pages.png(8, 8, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).header("Idempotent-Replayed", "false")
                .extract().path("chapterId");
        String again = given().auth().oauth2(publisher.apiKey()).header("Idempotency-Key", key)
                .multiPart("pages", "1.png", Pages.png(8, 8, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).header("Idempotent-Replayed", "true")
                .extract().path("chapterId");

        assertThat(again).isEqualTo(first);
        assertThat(Stack.count(db, "SELECT count(*) FROM chapters WHERE publisher_id = ?", publisher.id())).isEqualTo(1);
        assertThat(Stack.objects(store, publisher.id())).hasSize(1);
    }

    @Test
    void reusingAnIdempotencyKeyForADifferentRequestIsRefusedNamingTheHeader() {
        var publisher = Publishers.create();
        String key = UUID.randomUUID().toString();
        given().auth().oauth2(publisher.apiKey()).header("Idempotency-Key", key)
                .multiPart("pages", "1.png", Pages.png(8, 8, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202);
        given().auth().oauth2(publisher.apiKey()).header("Idempotency-Key", key)
                .multiPart("pages", "1.png", Pages.png(16, 16, 1), "image/png")
                .post("/v1/chapters").then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"))
                .body("detail", containsString("Idempotency-Key"));
        given().auth().oauth2(publisher.apiKey()).header("Idempotency-Key", key)
                .multiPart("pages", "1.png", Pages.png(8, 8, 1), "image/png").multiPart("title", "another title")
                .post("/v1/chapters").then().statusCode(422);

        assertThat(Stack.count(db, "SELECT count(*) FROM chapters WHERE publisher_id = ?", publisher.id())).isEqualTo(1);
        assertThat(Stack.objects(store, publisher.id())).hasSize(1);
    }

    @Test
    void aTextFileNamedPagePngIsRefusedNamingThePage() {
        rejected(pages("page.png", "just text, not an image".getBytes()), 400, "unsupported-format", 2)
                .body("file", equalTo("page.png"));
    }

    @Test
    void aTruncatedPngIsRefused() {
        byte[] png = Pages.png(64, 64, 7);
        rejected(pages("cut.png", Arrays.copyOf(png, png.length / 2)), 400, "corrupt-image", 2);
    }

    @Test
    void a30000x30000PngHeaderIsRefusedBeforeDecoding() {
        rejected(pages("huge.png", Pages.pngHeaderOnly(30000, 30000)), 413, "too-many-pixels", 2)
                .body("detail", org.hamcrest.Matchers.containsString("30000x30000"));
    }

    @Test
    void anArchiveWithPathTraversalIsRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("1.png", Pages.png(4, 4, 1));
        entries.put("../../evil.png", Pages.png(4, 4, 2));
        rejected(archive(Pages.zip(entries)), 400, "path-traversal", null).body("file", equalTo("../../evil.png"));
    }

    @Test
    void aPageWhoseFileNameHoldsANulByteIsRefusedNamingIt() {
        rejected(pages("bad\u0000.png", Pages.png(8, 8, 2)), 400, "invalid-file-name", 2)
                .body("file", equalTo("bad\\u0000.png"))
                .body("detail", org.hamcrest.Matchers.containsString("U+0000"));
    }

    @Test
    void anArchiveEntryNameOverTheLengthCapIsRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("1.png", Pages.png(4, 4, 1));
        entries.put("9".repeat(65_000) + ".png", Pages.png(4, 4, 2));
        rejected(archive(Pages.zip(entries)), 400, "invalid-file-name", null)
                .body("detail", org.hamcrest.Matchers.containsString("65004 characters"));
    }

    @Test
    void anArchiveWithTooManyEntriesIsRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i <= config.upload().maxArchiveEntries(); i++) {
            entries.put(i + ".txt", new byte[] {1});
        }
        rejected(archive(Pages.zip(entries)), 413, "too-many-entries", null);
    }

    @Test
    void anEmptyChapterIsRefused() {
        var publisher = Publishers.create();
        given().auth().oauth2(publisher.apiKey()).multiPart("title", "nothing").post("/v1/chapters").then()
                .statusCode(400).contentType("application/problem+json").body("type", endsWith("/empty-chapter"));
        Map<String, byte[]> onlyMetadata = Map.of("ComicInfo.xml", "<x/>".getBytes());
        given().auth().oauth2(publisher.apiKey()).multiPart("archive", "c.cbz", Pages.zip(onlyMetadata), "application/zip")
                .post("/v1/chapters").then().statusCode(400).body("type", endsWith("/empty-chapter"));
    }

    @Test
    void badOptionsAreRefused() {
        var publisher = Publishers.create();
        given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(4, 4, 1), "image/png")
                .multiPart("outputFormat", "GIF").post("/v1/chapters").then().statusCode(400)
                .body("type", endsWith("/invalid-output-format"));
        given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(4, 4, 1), "image/png")
                .multiPart("webhookUrl", "ftp://example.com/hook").post("/v1/chapters").then().statusCode(400)
                .body("type", endsWith("/invalid-webhook-url"));
        assertThat(Stack.count(db, "SELECT count(*) FROM chapters WHERE publisher_id = ?", publisher.id())).isZero();
    }

    @Test
    void chaptersAreListedNewestFirstByCursor() {
        var publisher = Publishers.create();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(4, 4, i), "image/png")
                    .multiPart("title", "c" + i).post("/v1/chapters").then().statusCode(202);
        }
        var page1 = given().auth().oauth2(publisher.apiKey()).queryParam("limit", 2).get("/v1/chapters").then()
                .statusCode(200).body("items.title", equalTo(List.of("c2", "c1"))).extract().jsonPath();
        given().auth().oauth2(publisher.apiKey()).queryParam("limit", 2).queryParam("cursor", page1.getString("nextCursor"))
                .get("/v1/chapters").then().statusCode(200).body("items.title", equalTo(List.of("c0")))
                .body("nextCursor", equalTo(null));
    }

    /** A good page 1 and the bad page 2: the rejection must name page 2 and leave nothing behind. */
    private static Map<String, byte[]> pages(String badName, byte[] bad) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("good.png", Pages.png(8, 8, 1));
        parts.put(badName, bad);
        return parts;
    }

    private static Map<String, byte[]> archive(byte[] zip) {
        return Map.of("archive:chapter.cbz", zip);
    }

    private ValidatableResponse rejected(Map<String, byte[]> parts, int status, String code, Integer page) {
        var publisher = Publishers.create();
        var request = given().auth().oauth2(publisher.apiKey());
        for (var part : parts.entrySet()) {
            boolean isArchive = part.getKey().startsWith("archive:");
            request = request.multiPart(isArchive ? "archive" : "pages",
                    isArchive ? part.getKey().substring(8) : part.getKey(), part.getValue(), "application/octet-stream");
        }
        ValidatableResponse response = request.post("/v1/chapters").then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", endsWith("/" + code)).body("status", equalTo(status))
                .body("page", equalTo(page));
        assertThat(Stack.count(db, "SELECT count(*) FROM chapters WHERE publisher_id = ?", publisher.id())).isZero();
        assertThat(Stack.objects(store, publisher.id())).isEmpty();
        return response;
    }
}
