package dev.colorize.trainer;

import static dev.colorize.trainer.AdminApi.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.trainer.training.RunExecutor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A second trainer, the packaged application in its own JVM on the same stack, trains a run while this
 * one is refused the run lock; then it is killed (SIGKILL) mid-run and this trainer resumes the run
 * from the checkpoint the dead one left in the object store.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class CrashResumeIT {

    private static final String CHILD_KEY = "child-admin-key";

    @Inject
    RunExecutor executor;

    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void aKilledRunResumesFromItsCheckpointAndTwoTrainersNeverTrainAtOnce() throws Exception {
        TinyRuns.dataset("shapes-crash", 24);
        int port = freePort();
        child = startChildTrainer(port);
        String childUrl = "http://127.0.0.1:" + port;
        AdminApi.await("the second trainer to start", Duration.ofSeconds(90), () -> {
            assertThat(child.isAlive()).as("second trainer alive (see target/child-trainer.log)").isTrue();
            try {
                return given().get(childUrl + "/q/health/ready").statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });

        String id = given().header("Authorization", "Bearer " + CHILD_KEY).contentType("application/json")
                .body(TinyRuns.request("shapes-crash", 200, 20)).post(childUrl + "/v1/admin/runs")
                .then().statusCode(202).extract().path("id");
        AdminApi.await("a checkpoint past step 40", Duration.ofSeconds(90), () -> {
            JsonPath run = admin().get("/v1/admin/runs/" + id).then().extract().jsonPath();
            assertThat(run.getString("state")).isIn("queued", "running");
            return run.getString("checkpointKey") != null && !run.getString("checkpointKey").endsWith("/000000020/");
        });

        // the second trainer holds the run lock: this one does not start anything
        assertThat(executor.drainPending()).isFalse();
        JsonPath beforeKill = admin().get("/v1/admin/runs/" + id).then().extract().jsonPath();
        assertThat(beforeKill.getString("runner")).isNotEqualTo(ManagementFactory.getRuntimeMXBean().getName());

        child.destroyForcibly().waitFor();
        JsonPath left = admin().get("/v1/admin/runs/" + id).then().extract().jsonPath();
        assertThat(left.getString("state")).isEqualTo("running");
        int checkpointStep = Integer.parseInt(left.getString("checkpointKey").replaceAll(".*/(\\d+)/$", "$1"));
        assertThat(checkpointStep).isBetween(40, 199);

        // PostgreSQL drops the dead trainer's session and with it the lock; then this trainer resumes the run
        AdminApi.await("this trainer to take over", Duration.ofMinutes(3), executor::drainPending);
        JsonPath done = admin().get("/v1/admin/runs/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(done.getString("state")).isEqualTo("succeeded");
        assertThat(done.getInt("resumedFromStep")).isEqualTo(checkpointStep);
        assertThat(done.getInt("attempts")).isEqualTo(2);
        assertThat(done.getString("runner")).isEqualTo(ManagementFactory.getRuntimeMXBean().getName());
        assertThat(done.getInt("step")).isEqualTo(200);
        assertThat(done.getString("modelVersion")).isNotNull();
        List<Integer> steps = admin().queryParam("limit", 1000).get("/v1/admin/runs/" + id + "/progress")
                .then().extract().jsonPath().getList("step", Integer.class);
        assertThat(steps).hasSize(200).startsWith(1).endsWith(200);
    }

    @Test
    void aTrainerStoppedGracefullyLeavesItsRunToResumeWithoutSpendingAnAttempt() throws Exception {
        TinyRuns.dataset("shapes-restart", 24);
        int port = freePort();
        child = startChildTrainer(port);
        String childUrl = "http://127.0.0.1:" + port;
        AdminApi.await("the second trainer to start", Duration.ofSeconds(90), () -> {
            assertThat(child.isAlive()).as("second trainer alive (see target/child-trainer.log)").isTrue();
            try {
                return given().get(childUrl + "/q/health/ready").statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
        String id = given().header("Authorization", "Bearer " + CHILD_KEY).contentType("application/json")
                .body(TinyRuns.request("shapes-restart", 200, 20)).post(childUrl + "/v1/admin/runs")
                .then().statusCode(202).extract().path("id");
        AdminApi.await("a first checkpoint", Duration.ofSeconds(90), () -> {
            JsonPath run = admin().get("/v1/admin/runs/" + id).then().extract().jsonPath();
            return run.getString("checkpointKey") != null && run.getInt("attempts") == 1;
        });

        // SIGTERM, as a rolling restart sends it: the child stops at its next step
        child.destroy();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonPath left = admin().get("/v1/admin/runs/" + id).then().extract().jsonPath();
        assertThat(left.getString("state")).isEqualTo("running");
        assertThat(left.getInt("attempts")).isZero();

        AdminApi.await("this trainer to take over", Duration.ofMinutes(3), executor::drainPending);
        JsonPath done = admin().get("/v1/admin/runs/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(done.getString("state")).isEqualTo("succeeded");
        assertThat(done.getInt("attempts")).isEqualTo(1);
        assertThat(done.getInt("resumedFromStep")).isPositive();
    }

    private static Process startChildTrainer(int port) throws Exception {
        Config config = ConfigProvider.getConfig();
        Path work = Files.createTempDirectory("child-trainer");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dquarkus.http.port=" + port,
                "-Dcolorize.trainer.admin-key=" + CHILD_KEY,
                "-Dcolorize.trainer.work-dir=" + work,
                "-Dcolorize.trainer.schedule.cron=off",
                // like this JVM's test profile: the registry's versions are the tests' own
                "-Dcolorize.trainer.default-model.enabled=false"));
        for (String key : List.of("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                "quarkus.datasource.password", "colorize.object-store.endpoint", "colorize.object-store.access-key",
                "colorize.object-store.secret-key", "colorize.object-store.region")) {
            command.add("-D" + key + "=" + config.getValue(key, String.class));
        }
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/child-trainer.log")).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
