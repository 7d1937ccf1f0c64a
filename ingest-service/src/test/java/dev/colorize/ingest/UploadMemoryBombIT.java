package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Archives that inflate to far more than the service's heap, at the production upload limits (the test profile
 * keeps them), in a test JVM with the pod's heap and its exit on OutOfMemoryError (ingest-service pom): each is
 * refused with a problem naming its first entry, nothing of it is stored or left on disk, and the service
 * takes the next upload; so is a multipart upload of page parts that together come near the heap. Holding inflated pages in memory, 32 entries of 32 MiB (each at the page limit, all
 * together at the archive limit) would need 1 GiB of a 768 MiB heap.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class UploadMemoryBombIT {

    private static final int ENTRIES = 32;
    private static final int ENTRY_BYTES = 32 << 20;

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectStore store;

    @Inject
    IngestConfig config;

    @TestHTTPResource("/v1/chapters")
    URL chapters;

    @ConfigProperty(name = "quarkus.http.body.uploads-directory")
    String uploadsDirectory;

    @BeforeEach
    void limitsAreTheProductionDefaults() {
        assertThat(config.upload().maxPageBytes()).isEqualTo(ENTRY_BYTES);
        assertThat(config.upload().maxArchiveUncompressedBytes()).isEqualTo((long) ENTRIES * ENTRY_BYTES);
    }

    @Test
    void aCbzOf32EntriesOf32MiBOfZerosIsRefusedAtItsFirstEntryAndTheServiceStaysUp() {
        byte[] bomb = Pages.zipBomb(ENTRIES, new byte[0], ENTRY_BYTES);
        assertThat(bomb.length).isLessThan(2 << 20);

        refused(bomb, 400, "unsupported-format").body("detail", containsString("not a PNG, JPEG or WebP"));

        serviceTakesTheNextUpload();
    }

    @Test
    void entriesWhoseHeadersPassButThatInflatePastWhatTheirPixelsTakeAreRefusedWhileInflating() {
        // a 100x100 RGBA PNG decodes to 40000 bytes: its file may have 2 x 40000 + 1 MiB, not 32 MiB
        byte[] bomb = Pages.zipBomb(ENTRIES, Pages.pngSignatureAndHeader(100, 100), ENTRY_BYTES);

        refused(bomb, 413, "archive-too-large").body("detail", containsString("0001.png"))
                .body("detail", containsString("100x100 PNG may take"));

        serviceTakesTheNextUpload();
    }

    @Test
    void entriesWithLargeHeadersWithinTheLimitsAreInspectedOneByOneAndTheFirstCorruptOneStopsTheArchive() {
        // 4000x4000 RGBA may take 32 MiB: the first entry inflates in full (to disk) and is then found corrupt
        byte[] bomb = Pages.zipBomb(ENTRIES, Pages.pngSignatureAndHeader(4000, 4000), ENTRY_BYTES);

        refused(bomb, 400, "corrupt-image");

        serviceTakesTheNextUpload();
    }

    @Test
    void pagePartsOfHundredsOfMegabytesAreCheckedFromDiskNotMemory() throws Exception {
        // 18 parts of 32 MiB (576 MiB, under the 600M body limit), each a PNG header then zeros, sent as generated:
        // read whole into memory before any check, they would need 576 MiB of the 768 MiB heap at once
        int parts = 18;
        byte[] header = Pages.pngSignatureAndHeader(4000, 4000);
        String boundary = "memory-bomb-boundary";
        GeneratedBodies body = new GeneratedBodies();
        for (int i = 1; i <= parts; i++) {
            body.text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"pages\"; filename=\""
                    + String.format("%04d.png", i) + "\"\r\nContent-Type: image/png\r\n\r\n")
                    .bytes(header).zeros(ENTRY_BYTES - header.length).text("\r\n");
        }
        body.text("--" + boundary + "--\r\n");
        var publisher = Publishers.create();
        HttpResponse<String> response = body.send("POST", chapters.toURI(), publisher.apiKey(),
                "multipart/form-data; boundary=" + boundary);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("corrupt-image").contains("\"page\":1").contains("0001.png");
        assertThat(Stack.count(db, "SELECT count(*) FROM chapters WHERE publisher_id = ?", publisher.id())).isZero();
        assertThat(Stack.objects(store, publisher.id())).isEmpty();
        serviceTakesTheNextUpload();
    }

    @Test
    void archivesDeclaringCentralDirectoriesOfHundredsOfMegabytesAreRefusedFromTheirEndRecord() throws Exception {
        // two at once, each 300 MB of "central directory" (zeros) and the end record declaring it: opening such an
        // archive reads its whole directory into one array (before, each was refused 400 "invalid CEN header" only
        // after that read; both at once may take 600 MB of the 768 MiB heap)
        long directory = 300L << 20;
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN).putInt(0x06054b50).putShort((short) 0)
                .putShort((short) 0).putShort((short) 10).putShort((short) 10).putInt((int) directory).putInt(0)
                .putShort((short) 0);
        var publisher = Publishers.create();
        List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String boundary = "directory-bomb-" + i;
            GeneratedBodies body = new GeneratedBodies().text("--" + boundary + "\r\nContent-Disposition: form-data; "
                    + "name=\"archive\"; filename=\"directory.cbz\"\r\nContent-Type: application/zip\r\n\r\n")
                    .zeros(directory).bytes(end.array()).text("\r\n--" + boundary + "--\r\n");
            uploads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return body.send("POST", chapters.toURI(), publisher.apiKey(), "multipart/form-data; boundary=" + boundary);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }

        for (CompletableFuture<HttpResponse<String>> upload : uploads) {
            HttpResponse<String> response = upload.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            assertThat(response.body()).contains("archive-directory-too-large").contains("directory.cbz");
        }
        assertThat(Stack.count(db, "SELECT count(*) FROM chapters WHERE publisher_id = ?", publisher.id())).isZero();
        serviceTakesTheNextUpload();
    }

    private ValidatableResponse refused(byte[] bomb, int status, String code) {
        var publisher = Publishers.create();
        ValidatableResponse response = given().auth().oauth2(publisher.apiKey())
                .multiPart("archive", "bomb.cbz", bomb, "application/zip")
                .post("/v1/chapters").then().statusCode(status).contentType("application/problem+json")
                .body("type", endsWith("/" + code)).body("page", equalTo(1)).body("file", equalTo("0001.png"));
        assertThat(Stack.count(db, "SELECT count(*) FROM chapters WHERE publisher_id = ?", publisher.id())).isZero();
        assertThat(Stack.objects(store, publisher.id())).isEmpty();
        assertThat(spools()).as("inflated pages left on disk").isEmpty();
        return response;
    }

    private void serviceTakesTheNextUpload() {
        given().get("/q/health/live").then().statusCode(200);
        var publisher = Publishers.create();
        given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", Pages.png(16, 16, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).body("pageCount", equalTo(1));
        assertThat(Stack.objects(store, publisher.id())).hasSize(1);
    }

    /** The folders this service inflates archives into, beside the request's spooled parts. */
    private Stream<Path> spools() {
        try (Stream<Path> files = Files.walk(Path.of(uploadsDirectory, "colorize-spool"), 2)) {
            return files.filter(f -> f.getFileName().toString().startsWith("pages-")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
