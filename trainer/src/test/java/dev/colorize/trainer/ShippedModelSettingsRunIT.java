package dev.colorize.trainer;

import static dev.colorize.trainer.AdminApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A run started through the admin API with models/reproduce-default.sh's settings (hints, a schedule that decays
 * over its end and stops early, batch 8 -> 2, seed 1), shrunk to 64x64 and width 8, trains in the one
 * TrainingDriver: the settings reach the registered model, and the checkpoint is the driver's.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class ShippedModelSettingsRunIT {

    @Inject
    ObjectStore store;

    @Test
    void theShippedModelsSettingsAtATinySizeTrainThroughTheDriverAndReachTheRegisteredModel() throws Exception {
        TinyRuns.dataset("shapes-shipped", 16);
        Map<String, Object> body = Map.ofEntries(Map.entry("schemaVersion", 2), Map.entry("dataset", "shapes-shipped"),
                Map.entry("steps", 8), Map.entry("decaySteps", 3), Map.entry("untilStep", 6), Map.entry("batchSize", 2),
                Map.entry("imageSize", 64), Map.entry("baseWidth", 8), Map.entry("levels", 5), Map.entry("hints", true),
                Map.entry("seed", 1), Map.entry("checkpointEvery", 3));
        JsonPath queued = admin().contentType("application/json").body(body).post("/v1/admin/runs").then()
                .statusCode(202).extract().jsonPath();
        String id = queued.getString("id");
        assertThat(queued.getInt("settings.version")).isEqualTo(2);
        assertThat(queued.getInt("totalSteps")).isEqualTo(6);

        AdminApi.await("the run to finish", Duration.ofMinutes(2), () -> {
            String state = admin().get("/v1/admin/runs/" + id).then().extract().path("state");
            assertThat(state).isNotEqualTo("failed");
            return "succeeded".equals(state);
        });
        JsonPath run = admin().get("/v1/admin/runs/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(run.getInt("step")).isEqualTo(6);
        List<Integer> steps = admin().get("/v1/admin/runs/" + id + "/progress").then().extract().jsonPath()
                .getList("step", Integer.class);
        assertThat(steps).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(admin().get("/v1/admin/runs/" + id + "/samples").then().extract().jsonPath()
                .getList("step", Integer.class)).containsExactly(3, 6);
        // the driver keeps the best validation L1 in each checkpoint, so a resumed run still knows it
        assertThat(store.list("runs/" + id + "/checkpoints/")).anyMatch(k -> k.endsWith("/000000006/best-l1.txt"));

        JsonPath model = admin().get("/v1/admin/models/" + run.getInt("modelVersion")).then().statusCode(200)
                .extract().jsonPath();
        assertThat(model.getInt("spec.inputChannels")).isEqualTo(5); // line art + hint planes
        assertThat(model.getInt("spec.imageSize")).isEqualTo(64);
        assertThat(model.getInt("trainingConfig.batchSize")).isEqualTo(2);
        assertThat(model.getInt("trainingConfig.totalSteps")).isEqualTo(8);
        assertThat(model.getInt("trainingConfig.decaySteps")).isEqualTo(3);
        assertThat(model.getInt("trainingConfig.seed")).isEqualTo(1);
    }

    @Test
    void aVersionOneRequestWithTheNewSettingsIsRefused() {
        admin().contentType("application/json").body(Map.of("dataset", "shapes-shipped-v1", "batchSize", 8))
                .post("/v1/admin/runs").then().statusCode(404); // no such dataset: checked first
        TinyRuns.dataset("shapes-shipped-v1", 16);
        admin().contentType("application/json").body(Map.of("dataset", "shapes-shipped-v1", "batchSize", 8))
                .post("/v1/admin/runs").then().statusCode(400)
                .body("type", org.hamcrest.Matchers.endsWith("/invalid-run"));
    }
}
