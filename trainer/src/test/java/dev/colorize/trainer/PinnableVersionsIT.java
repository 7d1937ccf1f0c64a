package dev.colorize.trainer;

import static dev.colorize.trainer.AdminApi.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.service.persistence.Jdbc;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class PinnableVersionsIT {

    @Inject
    Jdbc jdbc;

    private int version() {
        int version = jdbc.queryOne("SELECT coalesce(max(version), 0) + 1000 FROM model_versions", r -> r.getInt(1))
                .orElseThrow();
        jdbc.update("INSERT INTO model_versions (version, artifact_key, sha256, spec) VALUES (?, ?, ?, '{}'::jsonb)",
                version, "models/v" + version + "/model.zip", "0".repeat(64));
        return version;
    }

    @Test
    void anAdminMarksAVersionPinnableAndBackAndEachChangeIsAudited() {
        int version = version();
        admin().get("/v1/admin/models/" + version).then().statusCode(200).body("pinnable", equalTo(false));

        admin().contentType("application/json").body(Map.of("pinnable", true))
                .put("/v1/admin/models/" + version + "/pinnable").then().statusCode(200)
                .body("version", equalTo(version)).body("pinnable", equalTo(true));
        admin().get("/v1/admin/models/" + version).then().statusCode(200).body("pinnable", equalTo(true));
        admin().contentType("application/json").body(Map.of("pinnable", false))
                .put("/v1/admin/models/" + version + "/pinnable").then().statusCode(200).body("pinnable", equalTo(false));

        List<String> audit = jdbc.query("SELECT pinnable || ' by ' || actor FROM model_pin_audit WHERE version = ? "
                + "ORDER BY id", r -> r.getString(1), version);
        assertThat(audit).containsExactly("true by bootstrap-admin", "false by bootstrap-admin");
    }

    @Test
    void aMissingVersionIsNotFoundAndAMissingFlagIsABadRequest() {
        admin().contentType("application/json").body(Map.of("pinnable", true))
                .put("/v1/admin/models/987654/pinnable").then().statusCode(404);
        int version = version();
        admin().contentType("application/json").body(Map.of())
                .put("/v1/admin/models/" + version + "/pinnable").then().statusCode(400)
                .body("type", endsWith("/pinnable-required"));
        assertThat(jdbc.queryOne("SELECT count(*) FROM model_pin_audit WHERE version = ?", r -> r.getInt(1), version))
                .contains(0);
    }

    @Test
    void onlyAnAdminMarksVersionsPinnable() {
        int version = version();
        given().header("Authorization", "Bearer not-an-admin").contentType("application/json")
                .body(Map.of("pinnable", true)).put("/v1/admin/models/" + version + "/pinnable")
                .then().statusCode(401);
        admin().get("/v1/admin/models/" + version).then().body("pinnable", equalTo(false));
    }
}
