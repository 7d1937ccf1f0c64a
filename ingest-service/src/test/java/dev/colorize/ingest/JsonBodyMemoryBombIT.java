package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * JSON bodies near the 600M request limit, in a test JVM with the pod's heap and its exit on OutOfMemoryError
 * (ingest-service pom): the recolor's points and a series palette are refused once they pass their own limit, with a
 * 413 problem naming the field, and the service takes the next request. Read whole, 590 MB of points needs twice
 * that in one byte array; 590 MB of {@code {},} in a palette builds 196 million entries before counting them.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class JsonBodyMemoryBombIT {

    private static final long BODY_BYTES = 590L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aRecolorBodyOfHundredsOfMegabytesIsRefusedAtItsLimitNamingTheHints() throws Exception {
        var publisher = Publishers.create();
        String chapter = given().auth().oauth2(publisher.apiKey())
                .multiPart("pages", "1.png", Pages.png(40, 30, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        Stack.update(db, "UPDATE page_colorings SET state = 'done' WHERE chapter_id = ?", UUID.fromString(chapter));
        String recolor = "v1/chapters/" + chapter + "/pages/1/recolor";

        GeneratedBodies body = new GeneratedBodies().text("[").repeated(
                "{\"x\":1,\"y\":1,\"color\":\"#000000\"},".getBytes(StandardCharsets.US_ASCII), BODY_BYTES);
        JsonNode problem = refused(body.send("POST", base.toURI().resolve(recolor), publisher.apiKey(),
                "application/json"));

        assertThat(problem.path("field").asText()).isEqualTo("hints");
        assertThat(problem.path("page").asInt()).isEqualTo(1);
        assertThat(problem.path("detail").asText()).contains("1048576");
        given().auth().oauth2(publisher.apiKey()).contentType("application/json")
                .body("[{\"x\":20,\"y\":15,\"color\":\"#20c020\"}]").post(recolor).then().statusCode(202)
                .body("revision", equalTo(1));
    }

    @Test
    void aPaletteOfHundredsOfMegabytesOfEmptyEntriesIsRefusedAtItsLimitNamingTheEntries() throws Exception {
        var publisher = Publishers.create();
        String palette = "v1/series/bomb-" + UUID.randomUUID() + "/palette";

        GeneratedBodies body = new GeneratedBodies().text("{\"entries\":[")
                .repeated("{},".getBytes(StandardCharsets.US_ASCII), BODY_BYTES);
        JsonNode problem = refused(body.send("PUT", base.toURI().resolve(palette), publisher.apiKey(),
                "application/json"));

        assertThat(problem.path("field").asText()).isEqualTo("entries");
        given().auth().oauth2(publisher.apiKey()).contentType("application/json")
                .body("{\"entries\":[{\"name\":\"Sky\",\"color\":\"#3050e0\"}]}").put("/" + palette).then()
                .statusCode(200).body("entries[0].color", equalTo("#3050e0"));
    }

    private static JsonNode refused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        given().get("/q/health/live").then().statusCode(200);
        return JSON.readTree(response.body());
    }
}
