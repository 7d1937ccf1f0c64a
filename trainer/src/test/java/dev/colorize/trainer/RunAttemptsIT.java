package dev.colorize.trainer;

import static dev.colorize.trainer.AdminApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.testing.TinyModels;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.trainer.training.RunExecutor;
import dev.colorize.trainer.training.RunOptions;
import dev.colorize.trainer.training.RunRepository;
import dev.colorize.trainer.training.RunService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class RunAttemptsIT {

    @Inject
    RunRepository runs;

    @Inject
    RunExecutor executor;

    @Inject
    Jdbc jdbc;

    @Test
    void aRunWhoseTrainerDiedThreeTimesIsFailedWithItsReasonInsteadOfResumedAgain() throws Exception {
        TinyRuns.dataset("shapes-killer", 24);
        UUID id = UUID.randomUUID();
        runs.insert(id, RunService.MANUAL, "test", "shapes-killer",
                new RunOptions(TinyModels.spec(), null, null, null, null, 20L, 10L, null, 1, 1e-3f, 1L, null, null, null,
                        null, null, 10, null, null, false).settings(new RunOptions.Defaults(20, 10, 0)), null);
        // three trainers took it and died (killed, out of memory) without finishing it
        jdbc.update("UPDATE training_runs SET state = 'running', attempts = 3, runner = 'dead-trainer', step = 7 "
                + "WHERE id = ?", id);

        // drainPending is false while the executor's own thread drains: then that thread takes the run
        AdminApi.await("the run to be given up", Duration.ofMinutes(1), () -> {
            executor.drainPending();
            String state = admin().get("/v1/admin/runs/" + id).then().extract().path("state");
            assertThat(state).isNotEqualTo("succeeded");
            return "failed".equals(state);
        });

        JsonPath run = admin().get("/v1/admin/runs/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(run.getString("state")).isEqualTo("failed");
        assertThat(run.getInt("attempts")).isEqualTo(3);
        assertThat(run.getString("error")).contains("gave up after 3 attempts").contains("dead-trainer")
                .contains("step 7");
        assertThat(run.getString("finishedAt")).isNotNull();
        // failed is final: the next drain leaves it alone
        executor.drainPending();
        assertThat(admin().get("/v1/admin/runs/" + id).then().extract().jsonPath().getString("state"))
                .isEqualTo("failed");
    }
}
