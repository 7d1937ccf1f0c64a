package dev.colorize.trainer;

import static dev.colorize.trainer.AdminApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.hashing.Sha256;
import dev.colorize.ml.data.ImageCodec;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class TrainingRunIT {

    @Inject
    ObjectStore store;

    @Test
    void onDemandRunRecordsProgressAndSamplesThenRegistersAVersionAndAnnouncesIt() throws Exception {
        TinyRuns.dataset("shapes-on-demand", 24);
        String id = admin().contentType("application/json").body(TinyRuns.request("shapes-on-demand", 40, 20))
                .post("/v1/admin/runs").then().statusCode(202).extract().path("id");

        AdminApi.await("the run to finish", Duration.ofMinutes(2), () -> {
            String state = admin().get("/v1/admin/runs/" + id).then().extract().path("state");
            assertThat(state).isNotEqualTo("failed");
            return "succeeded".equals(state);
        });
        JsonPath run = admin().get("/v1/admin/runs/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(run.getInt("step")).isEqualTo(40);
        assertThat(run.getString("requestedBy")).isEqualTo("bootstrap-admin");
        int version = run.getInt("modelVersion");

        List<Map<String, Object>> progress = admin().get("/v1/admin/runs/" + id + "/progress").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(progress).hasSize(40);
        assertThat(progress.get(0).get("step")).isEqualTo(1);
        assertThat(progress.get(39).get("step")).isEqualTo(40);
        assertThat(((Number) progress.get(39).get("stepMillis")).doubleValue()).isPositive();
        assertThat(((Number) progress.get(39).get("generatorL1Loss")).doubleValue()).isPositive();

        List<Map<String, Object>> samples = admin().get("/v1/admin/runs/" + id + "/samples").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(samples).extracting(s -> s.get("step")).containsExactly(20, 40);
        byte[] sheet = admin().get((String) samples.get(1).get("href")).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        Mat decoded = ImageCodec.decodeBgr(sheet);
        assertThat(decoded.cols()).isEqualTo(3 * 64); // sketch | output | truth
        assertThat(decoded.rows() % 64).isZero();
        // only the latest checkpoint is kept
        assertThat(store.list("runs/" + id + "/checkpoints/")).allMatch(k -> k.contains("/000000040/")).isNotEmpty();

        JsonPath model = admin().get("/v1/admin/models/" + version).then().statusCode(200).extract().jsonPath();
        String key = "models/v" + version + "/model.zip";
        assertThat(model.getString("artifactKey")).isEqualTo(key);
        String sha = Sha256.hex(store.get(key));
        assertThat(model.getString("sha256")).isEqualTo(sha);
        assertThat(model.getString("runId")).isEqualTo(id);
        assertThat(model.getString("dataset")).isEqualTo("shapes-on-demand");
        assertThat(model.getInt("spec.baseWidth")).isEqualTo(8);
        assertThat(model.getInt("trainingConfig.totalSteps")).isEqualTo(40);
        assertThat(model.getInt("split.trainingImages") + model.getInt("split.validationImages")).isEqualTo(24);
        assertThat(model.getInt("metrics.images")).isEqualTo(model.getInt("split.validationImages"));
        assertThat(model.getDouble("metrics.model.l1")).isBetween(0.0, 1.0);
        assertThat(model.getDouble("metrics.meanColorBaseline.l1")).isPositive();

        var event = ModelEvents.find(e -> e.type().equals("REGISTERED") && e.version() == version,
                Duration.ofSeconds(30));
        assertThat(event).hasValueSatisfying(e -> {
            assertThat(e.artifactKey()).isEqualTo(key);
            assertThat(e.sha256()).isEqualTo(sha);
            assertThat(e.key()).isEqualTo(Integer.toString(version));
            assertThat(e.alias()).isNull();
        });
    }

    @Test
    void refusesRunsOnUnknownOrEmptyDatasets() {
        admin().contentType("application/json").body(TinyRuns.request("no-such-dataset", 10, 5))
                .post("/v1/admin/runs").then().statusCode(404).contentType("application/problem+json");
        admin().contentType("application/json").body(Map.of("name", "empty-set")).post("/v1/admin/datasets")
                .then().statusCode(201);
        admin().contentType("application/json").body(TinyRuns.request("empty-set", 10, 5))
                .post("/v1/admin/runs").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/dataset-too-small"));
    }
}
