package dev.colorize.ingest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Registers publishers through the admin API, as an operator would. */
final class Publishers {

    static final String ADMIN_KEY = "test-admin-key-0123456789";

    /** A publisher with one API key and its webhook secret. */
    record TestPublisher(UUID id, String apiKey, String webhookSecret) {
    }

    private Publishers() {
    }

    static TestPublisher create(String defaultWebhookUrl) {
        var body = new java.util.HashMap<String, Object>();
        body.put("name", "publisher-" + UUID.randomUUID());
        body.put("defaultWebhookUrl", defaultWebhookUrl);
        var created = given().auth().oauth2(ADMIN_KEY).contentType(ContentType.JSON).body(body)
                .post("/v1/admin/publishers").then().statusCode(201).extract().jsonPath();
        UUID id = UUID.fromString(created.getString("id"));
        String key = given().auth().oauth2(ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("label", "test"))
                .post("/v1/admin/publishers/" + id + "/keys").then().statusCode(201).extract().path("key");
        return new TestPublisher(id, key, created.getString("webhookSecret"));
    }

    static TestPublisher create() {
        return create(null);
    }
}
