package dev.colorize.worker;

import dev.colorize.platform.coloring.PageState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.model.ModelAliases;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.health.ModelReadinessCheck;
import dev.colorize.worker.support.OtherWorker;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class WorkerWithoutModelIT {

    @Inject
    TestStack stack;

    /** A worker serving 'canary', which nothing was promoted to yet. */
    @Test
    void staysUpNotReadyAndLeavesJobsQueuedUntilAModelIsPromoted() throws Exception {
        String topic = "jobs-canary-" + UUID.randomUUID();
        String group = "canary-workers-" + UUID.randomUUID();
        UUID chapter = UUID.randomUUID();
        assertThat(stack.registry.aliasVersion(ModelAliases.CANARY)).isEmpty();
        try (OtherWorker worker = stack.otherWorker("canary-worker", ModelAliases.CANARY, topic, group, stack.store).start()) {
            for (int page = 1; page <= 3; page++) {
                stack.pages.enqueue(topic, chapter, page, 64, 64);
            }
            Thread.sleep(1500); // longer than the registry recheck and the queue delay

            HealthCheckResponse readiness = new ModelReadinessCheck(worker.catalog).call();
            assertThat(readiness.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(readiness.getData().orElseThrow().get("reason").toString()).contains("'canary'");
            assertThat(worker.jobs.inFlight()).isZero();
            assertThat(stack.committed(group)).isZero();

            ModelEvent canary = stack.registry.register();
            stack.registry.promote(ModelAliases.CANARY, canary);

            List<PageResult> results = stack.pages.awaitResults(chapter, 3, Duration.ofSeconds(60));
            assertThat(results).extracting(PageResult::state).containsOnly(PageState.DONE);
            assertThat(results).extracting(PageResult::modelVersion).containsOnly(canary.version());
            assertThat(results).extracting(PageResult::workerId).containsOnly("canary-worker");
            assertThat(new ModelReadinessCheck(worker.catalog).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        }
    }
}
