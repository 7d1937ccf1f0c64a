package dev.colorize.trainer;

import static dev.colorize.trainer.AdminApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.artifact.RegionMetricFile;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.trainer.config.TrainerConfig;
import dev.colorize.trainer.registry.ModelPublisher;
import dev.colorize.trainer.registry.ModelVersion;
import dev.colorize.trainer.registry.RegistryRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code colorize.trainer.region-metric.dataset} set, the model a run registers carries its region metric, fitted
 * on the folder's chapters for its own weights, so a promoted model follows series references as the shipped one does.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class RegionMetricFittedOnRegisterIT {

    @Inject
    TrainerConfig config;

    @Inject
    RegistryRepository registry;

    @Inject
    ModelPublisher models;

    @Test
    void theRegisteredModelCarriesARegionMetricFittedOnItsWeights() throws Exception {
        Path chapters = config.regionMetric().dataset().orElseThrow(); // %test in application.properties
        ChapterDatasets.write(chapters);
        TinyRuns.dataset("shapes-metric", 8);
        Map<String, Object> body = Map.ofEntries(Map.entry("schemaVersion", 2), Map.entry("dataset", "shapes-metric"),
                Map.entry("steps", 2), Map.entry("batchSize", 2), Map.entry("imageSize", 64), Map.entry("baseWidth", 8),
                Map.entry("levels", 5), Map.entry("checkpointEvery", 2));
        String id = admin().contentType("application/json").body(body).post("/v1/admin/runs").then()
                .statusCode(202).extract().path("id");
        AdminApi.await("the run to finish", Duration.ofMinutes(2), () -> {
            String state = admin().get("/v1/admin/runs/" + id).then().extract().path("state");
            assertThat(state).isNotEqualTo("failed");
            return "succeeded".equals(state);
        });
        int version = admin().get("/v1/admin/runs/" + id).then().statusCode(200).extract().path("modelVersion");

        ModelVersion registered = registry.version(version).orElseThrow();
        Path folder = Files.createTempDirectory("registered");
        try (ModelArtifact artifact = ModelArtifact.load(models.download(registered, folder), Device.cpu())) {
            RegionMetricFile metric = artifact.regionMetric().orElseThrow();
            assertThat(metric.weightsSha256()).isEqualTo(artifact.manifest().weightsSha256());
            assertThat(metric.fittedOn()).contains(chapters.getFileName() + " training chapters (2)");
        }
    }
}
