package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A chapter may pin only the production or canary version, or one an admin has marked pinnable. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class ModelPinsIT {

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectStore store;

    private static ValidatableResponse upload(Publishers.TestPublisher publisher, int pin) {
        return given().auth().oauth2(publisher.apiKey())
                .multiPart("pages", "a.png", Pages.png(20, 20, 1), "image/png")
                .multiPart("modelVersion", String.valueOf(pin))
                .post("/v1/chapters").then();
    }

    @Test
    void aPinOfAVersionNeitherAliasedNorPinnableIsRefusedAndNothingIsStored() {
        Stack.modelVersion(db, 4101, false);
        var publisher = Publishers.create();

        for (int pin : new int[] {4101, 987_654}) {
            upload(publisher, pin).statusCode(400).contentType("application/problem+json")
                    .body("type", endsWith("/model-version-not-pinnable"))
                    .body("detail", containsString("modelVersion " + pin));
        }

        assertThat(Stack.objects(store, publisher.id())).isEmpty();
        assertThat(Stack.count(db, "SELECT count(*) FROM chapters WHERE publisher_id = ?", publisher.id())).isZero();
    }

    @Test
    void aPinOfAVersionAnAdminMarkedPinnableIsAccepted() {
        Stack.modelVersion(db, 4102, true);
        var publisher = Publishers.create();

        String id = upload(publisher, 4102).statusCode(202).extract().path("chapterId");

        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then().statusCode(200)
                .body("modelVersionPin", equalTo(4102));
    }
}
