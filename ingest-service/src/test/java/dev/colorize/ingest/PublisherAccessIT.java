package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import dev.colorize.ingest.auth.AdminKeyBootstrap;
import dev.colorize.platform.hashing.Sha256;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class PublisherAccessIT {

    @Inject
    AgroalDataSource db;

    @Inject
    AdminKeyBootstrap adminKeyBootstrap;


    private static String upload(String key) {
        return given().auth().oauth2(key).multiPart("pages", "1.png", Pages.png(16, 16, 1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
    }

    @Test
    void aMissingOrWrongApiKeyIsRefusedWithProblemDetails() {
        given().get("/v1/chapters").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401));
        given().auth().oauth2("ck_not-a-key").get("/v1/chapters").then().statusCode(401)
                .body("detail", equalTo("The API key is unknown or revoked"));
    }

    @Test
    void aPublisherNeverSeesAnotherPublishersChapter() {
        var alice = Publishers.create();
        var bob = Publishers.create();
        String chapter = upload(alice.apiKey());

        given().auth().oauth2(alice.apiKey()).get("/v1/chapters/" + chapter).then().statusCode(200);
        given().auth().oauth2(bob.apiKey()).get("/v1/chapters/" + chapter).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(bob.apiKey()).get("/v1/chapters/" + chapter + "/events").then().statusCode(404);
        given().auth().oauth2(bob.apiKey()).get("/v1/chapters/" + chapter + "/archive").then().statusCode(404);
        given().auth().oauth2(bob.apiKey()).get("/v1/chapters/" + chapter + "/pages/1/result").then().statusCode(404);
        given().auth().oauth2(bob.apiKey()).delete("/v1/chapters/" + chapter).then().statusCode(404);
        given().auth().oauth2(bob.apiKey()).get("/v1/chapters").then().statusCode(200).body("items.size()", equalTo(0));
        // still there for its owner after bob's delete attempt
        given().auth().oauth2(alice.apiKey()).get("/v1/chapters/" + chapter).then().statusCode(200)
                .body("chapterId", equalTo(chapter));
    }

    @Test
    void onlyAdminsManagePublishersAndKeys() {
        var publisher = Publishers.create();
        given().auth().oauth2(publisher.apiKey()).get("/v1/admin/publishers").then().statusCode(403);
        given().auth().oauth2(Publishers.ADMIN_KEY).get("/v1/chapters").then().statusCode(403);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnceAndKeysAreStoredHashed() {
        var publisher = Publishers.create();
        String keyId = given().auth().oauth2(Publishers.ADMIN_KEY).get("/v1/admin/publishers/" + publisher.id() + "/keys")
                .then().statusCode(200).body("[0].key", equalTo(null)).extract().path("[0].id");
        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters").then().statusCode(200);

        given().auth().oauth2(Publishers.ADMIN_KEY).delete("/v1/admin/keys/" + keyId).then().statusCode(204);

        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters").then().statusCode(401);
        given().auth().oauth2(Publishers.ADMIN_KEY).delete("/v1/admin/keys/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void publisherNamesAreUnique() {
        given().auth().oauth2(Publishers.ADMIN_KEY).contentType("application/json").body(Map.of("name", "unique-name"))
                .post("/v1/admin/publishers");
        given().auth().oauth2(Publishers.ADMIN_KEY).contentType("application/json").body(Map.of("name", "unique-name"))
                .post("/v1/admin/publishers").then().statusCode(409);
    }

    @Test
    void aRevokedConfiguredAdminKeyStaysRevokedWhenTheServiceStartsAgain() {
        given().auth().oauth2(Publishers.ADMIN_KEY).get("/v1/admin/publishers").then().statusCode(200);
        try {
            Stack.update(db, "UPDATE api_keys SET revoked_at = now() WHERE key_hash = ?", Sha256.digest(Publishers.ADMIN_KEY));
            adminKeyBootstrap.install(); // what a restart does
            given().auth().oauth2(Publishers.ADMIN_KEY).get("/v1/admin/publishers").then().statusCode(401);
        } finally {
            Stack.update(db, "UPDATE api_keys SET revoked_at = NULL WHERE key_hash = ?", Sha256.digest(Publishers.ADMIN_KEY));
        }
        given().auth().oauth2(Publishers.ADMIN_KEY).get("/v1/admin/publishers").then().statusCode(200);
    }

    @Test
    void noKeyMaterialIsLoggedWhenKeysAreInstalledOrCreated() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.colorize");
        logger.addHandler(capture);
        try {
            adminKeyBootstrap.install();
            var publisher = Publishers.create();
            assertThat(logged).isNotEmpty(); // the bootstrap says whether the key is active
            for (String key : List.of(Publishers.ADMIN_KEY, publisher.apiKey())) {
                assertThat(logged).noneMatch(line -> line.contains(key.substring(0, 10)));
            }
        } finally {
            logger.removeHandler(capture);
        }
    }
}
