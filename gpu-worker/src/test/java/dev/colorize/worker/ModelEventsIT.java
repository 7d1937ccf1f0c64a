package dev.colorize.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.platform.hashing.Sha256;
import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.model.ModelAliases;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.health.WorkerLoopsLivenessCheck;
import dev.colorize.worker.support.Eventually;
import dev.colorize.worker.support.OtherWorker;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Model events are a signal, never a source of truth, and the loops that follow them survive faults. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class ModelEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestStack stack;

    @Test
    void anEventWithAForgedArtifactKeyAndHashLoadsWhatTheRegistrySaysNotWhatTheEventSays() throws Exception {
        stack.ensureProduction();
        ModelEvent genuine = stack.registry.register();
        byte[] forged = "not a model, but its hash is right".getBytes(StandardCharsets.UTF_8);
        String forgedKey = "models/forged/" + UUID.randomUUID() + ".zip";
        stack.store.put(forgedKey, forged, "application/zip");

        stack.registry.moveAlias(ModelAliases.PRODUCTION, genuine.version());
        stack.registry.announce(new ModelEvent(ModelEvent.SCHEMA_VERSION, ModelEvent.Type.PROMOTED, genuine.version(),
                ModelAliases.PRODUCTION, forgedKey, Sha256.hex(forged), Instant.now()));

        Eventually.until("the registry's artifact of version " + genuine.version() + " serves", WAIT,
                () -> stack.catalog.versionInUse().orElse(0) == genuine.version());
        assertThat(stack.catalog.lastRefusal().orElse("")).doesNotContain(forgedKey);
    }

    @Test
    void aPromotedVersionWhoseDownloadFailedIsRetriedUntilItLoads() throws Exception {
        int served = stack.ensureProduction();
        ModelEvent next = stack.registry.register();
        byte[] artifact = stack.store.get(next.artifactKey());
        stack.store.delete(next.artifactKey()); // as if the store lost it for a while

        stack.registry.promote(ModelAliases.PRODUCTION, next);
        Eventually.until("the download fails", WAIT, () -> stack.catalog.promotionFailed());
        assertThat(stack.catalog.versionInUse()).contains(served);

        stack.store.put(next.artifactKey(), artifact, "application/zip");
        Eventually.until("version " + next.version() + " loads on a retry", WAIT,
                () -> stack.catalog.versionInUse().orElse(0) == next.version());
        assertThat(stack.catalog.promotionFailed()).isFalse();
    }

    @Test
    void theModelEventsListenerStartsOverAfterAFaultAndStillFollowsPromotions() throws Exception {
        stack.freshProduction();
        String topic = "jobs-listener-" + UUID.randomUUID();
        try (OtherWorker worker = stack.otherWorker("listener-worker", topic, "listener-" + UUID.randomUUID(),
                stack.catalogFailingFor(ModelAliases.PRODUCTION, "-model-events", 1), stack.store).start()) {
            Eventually.until("the listener starts over", WAIT, () -> worker.listener.restarts() >= 1);
            ModelEvent next = stack.registry.register();
            stack.registry.promote(ModelAliases.PRODUCTION, next);

            Eventually.until("the restarted listener loads version " + next.version(), WAIT,
                    () -> worker.catalog.versionInUse().orElse(0) == next.version());
            assertThat(worker.listener.failure()).isEmpty();
        }
    }

    @Test
    void aJobLoopThatDiedTurnsLivenessDown() throws Exception {
        String topic = "jobs-dead-loop-" + UUID.randomUUID();
        try (OtherWorker worker = stack.otherWorker("dead-loop-worker", topic, "dead-loop-" + UUID.randomUUID(),
                stack.catalogFailingFor(ModelAliases.PRODUCTION, "-jobs", Integer.MAX_VALUE), stack.store).start()) {
            WorkerLoopsLivenessCheck liveness = new WorkerLoopsLivenessCheck(() -> List.of(worker.jobs, worker.listener));
            Eventually.until("liveness turns DOWN", WAIT,
                    () -> liveness.call().getStatus() == HealthCheckResponse.Status.DOWN);
            assertThat(liveness.call().getData().orElseThrow().get("jobs").toString())
                    .startsWith("stopped: java.lang.IllegalStateException: injected fault");
            assertThat(liveness.call().getData().orElseThrow().get("model-events")).isEqualTo("running");
        }
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'worker-loops' }.data.jobs", equalTo("running"));
    }
}
