package dev.colorize.trainer;

import static dev.colorize.trainer.AdminApi.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.platform.hashing.Sha256;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.trainer.dataset.FolderImporter;
import dev.colorize.trainer.dataset.ImportReport;
import dev.colorize.trainer.dataset.Split;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Scalar;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class DatasetsIT {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectStore store;

    @Inject
    FolderImporter importer;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void uploadsAreContentAddressedDedupedAndSplitByHashForGood() throws Exception {
        String name = unique("uploads");
        admin().contentType("application/json").body(Map.of("name", name, "validationFraction", 0.3))
                .post("/v1/admin/datasets").then().statusCode(201).body("name", equalTo(name));

        Map<String, String> splitOf = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            byte[] png = TestImages.shapes(i, 64);
            JsonPath added = admin().contentType("image/png").body(png).queryParam("filename", "img" + i + ".png")
                    .post("/v1/admin/datasets/" + name + "/images").then().statusCode(201).extract().jsonPath();
            String sha = Sha256.hex(png);
            assertThat(added.getString("image.sha256")).isEqualTo(sha);
            assertThat(added.getString("image.objectKey")).isEqualTo("datasets/" + name + "/images/" + sha + ".png");
            assertThat(store.get(added.getString("image.objectKey"))).isEqualTo(png);
            String expected = Split.of(Sha256.digest(png), 0.3) == Split.VALIDATION
                    ? "VALIDATION" : "TRAIN";
            assertThat(added.getString("image.split")).isEqualTo(expected);
            splitOf.put(sha, expected);
        }
        // the same bytes again: no new image
        admin().contentType("image/png").body(TestImages.shapes(0, 64))
                .post("/v1/admin/datasets/" + name + "/images").then().statusCode(200).body("added", equalTo(false));

        JsonPath before = admin().get("/v1/admin/datasets/" + name).then().statusCode(200).extract().jsonPath();
        assertThat(before.getInt("trainingImages") + before.getInt("validationImages")).isEqualTo(12);
        assertThat(before.getInt("validationImages")).isBetween(1, 11);

        for (int i = 100; i < 110; i++) {
            admin().contentType("image/png").body(TestImages.shapes(i, 64))
                    .post("/v1/admin/datasets/" + name + "/images").then().statusCode(201);
        }
        List<Map<String, Object>> validation = admin().queryParam("split", "validation").queryParam("limit", 1000)
                .get("/v1/admin/datasets/" + name + "/images").then().statusCode(200).extract().jsonPath().getList("$");
        List<Map<String, Object>> training = admin().queryParam("split", "train").queryParam("limit", 1000)
                .get("/v1/admin/datasets/" + name + "/images").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(validation.size() + training.size()).isEqualTo(22);
        // every earlier image is still on the side it was first put on
        validation.forEach(i -> assertThat(splitOf.getOrDefault((String) i.get("sha256"), "VALIDATION")).isEqualTo("VALIDATION"));
        training.forEach(i -> assertThat(splitOf.getOrDefault((String) i.get("sha256"), "TRAIN")).isEqualTo("TRAIN"));
    }

    @Test
    void refusesWhatIsNoImageWithProblemDetails() {
        String name = unique("refusals");
        admin().contentType("application/json").body(Map.of("name", name)).post("/v1/admin/datasets")
                .then().statusCode(201);
        admin().contentType("application/json").body(Map.of("name", name)).post("/v1/admin/datasets")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://colorize.dev/problems/dataset-exists"));
        admin().contentType("image/png").body("not an image".getBytes(StandardCharsets.UTF_8))
                .post("/v1/admin/datasets/" + name + "/images")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
        admin().contentType("application/json").body(Map.of("name", "Bad Name!")).post("/v1/admin/datasets")
                .then().statusCode(400).body("type", equalTo("https://colorize.dev/problems/invalid-dataset-name"));
    }

    @Test
    void onlyAdminsGetIn() throws Exception {
        String adminKey = "ck_admin_" + UUID.randomUUID();
        String publisherKey = "ck_pub_" + UUID.randomUUID();
        UUID adminKeyId = UUID.randomUUID();
        UUID publisher = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            execute(c, "INSERT INTO publishers (id, name) VALUES (?, ?)", publisher, "pub-" + publisher);
            execute(c, "INSERT INTO api_keys (id, publisher_id, role, key_prefix, key_hash) VALUES (?, ?, 'publisher', 'ck_pub', ?)",
                    UUID.randomUUID(), publisher, Sha256.digest(publisherKey));
            execute(c, "INSERT INTO api_keys (id, role, key_prefix, key_hash) VALUES (?, 'admin', 'ck_adm', ?)",
                    adminKeyId, Sha256.digest(adminKey));
        }
        given().get("/v1/admin/datasets").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer nope").get("/v1/admin/models").then().statusCode(401);
        given().header("Authorization", "Bearer " + publisherKey).get("/v1/admin/models")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://colorize.dev/problems/forbidden"));
        given().header("Authorization", "Bearer " + publisherKey).contentType("application/json")
                .body(Map.of("version", 1)).post("/v1/admin/aliases/production").then().statusCode(403);

        String name = unique("by-key");
        given().header("Authorization", "Bearer " + adminKey).contentType("application/json")
                .body(Map.of("name", name)).post("/v1/admin/datasets")
                .then().statusCode(201).body("createdBy", equalTo(adminKeyId.toString()));

        try (Connection c = dataSource.getConnection()) {
            execute(c, "UPDATE api_keys SET revoked_at = now() WHERE id = ?", adminKeyId);
        }
        given().header("Authorization", "Bearer " + adminKey).get("/v1/admin/datasets").then().statusCode(401);
    }

    @Test
    void folderImportSkipsTinyEmptyAndColorlessClipArt(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("nested"));
        for (int i = 0; i < 5; i++) {
            Files.write(folder.resolve("nested").resolve("art" + i + ".png"), TestImages.shapes(500 + i, 160));
        }
        Files.write(folder.resolve("tiny.png"), TestImages.shapes(7, 64));
        Files.write(folder.resolve("blank.png"), TestImages.plain(160, new Scalar(255, 255, 255)));
        Files.write(folder.resolve("gray.png"), TestImages.plain(160, new Scalar(90, 90, 90)));
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        String name = unique("clipart");

        ImportReport report = importer.importFolder(name, folder, true, 0.2, 0, "test");
        assertThat(report.added()).isEqualTo(5);
        assertThat(report.skipped()).containsEntry("too-small", 1).containsEntry("mostly-empty", 1)
                .containsEntry("colorless", 1);

        ImportReport again = importer.importFolder(name, folder, false, 0.2, 0, "test");
        assertThat(again.added()).isEqualTo(3);
        assertThat(again.alreadyPresent()).isEqualTo(5);
        admin().get("/v1/admin/datasets/" + name).then().statusCode(200)
                .body("validationFraction", equalTo(0.2f));
    }

    private static void execute(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }
}
