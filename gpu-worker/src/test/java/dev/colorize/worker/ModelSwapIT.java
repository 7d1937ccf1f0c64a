package dev.colorize.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.ml.testing.TinyModels;
import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.model.ModelAliases;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.support.Eventually;
import dev.colorize.worker.support.Pages;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class ModelSwapIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TestStack stack;

    @Test
    void aPromotionMidStreamSwitchesVersionsBetweenBatchesWithNoFailedJob() throws Exception {
        int old = stack.ensureProduction();
        Pages pages = stack.pages;
        UUID chapter = UUID.randomUUID();
        ModelEvent next = stack.registry.register();
        int sent = 0;
        while (sent < 5) {
            pages.enqueue(Topics.JOBS, chapter, ++sent, 64, 64);
        }
        stack.registry.promote(ModelAliases.PRODUCTION, next);
        // jobs keep coming while the new version loads, and a few more once it serves
        int afterSwap = 0;
        while (afterSwap < 4 && sent < 300) {
            pages.enqueue(Topics.JOBS, chapter, ++sent, 64, 64);
            Thread.sleep(20);
            if (stack.catalog.versionInUse().orElseThrow() == next.version()) {
                afterSwap++;
            }
        }
        int total = sent;

        Map<Integer, PageResult> results = Pages.byPage(pages.awaitResults(chapter, total, WAIT));

        assertThat(results).hasSize(total);
        assertThat(results.values()).allMatch(r -> r.state() == PageState.DONE, "all done");
        List<Integer> versions = results.values().stream().map(PageResult::modelVersion).toList();
        // one partition per chapter, processed in order: the old version, then from one batch on the new one
        assertThat(versions).isSorted().containsOnly(old, next.version()).contains(old, next.version());
        assertThat(results.get(total).modelVersion()).isEqualTo(next.version());
        assertThat(results.get(total).outputs().colored()).endsWith("-v" + next.version() + ".png");
    }

    @Test
    void anArtifactWhoseChecksumDoesNotMatchIsRefusedAndTheServedVersionKeepsColoring() throws Exception {
        int served = stack.ensureProduction();
        ModelEvent tampered = stack.registry.register(TinyModels.spec(), true);
        stack.registry.promote(ModelAliases.PRODUCTION, tampered);

        Eventually.until("the worker refuses version " + tampered.version(), Duration.ofSeconds(30),
                () -> stack.catalog.lastRefusal().filter(r -> r.contains("model version " + tampered.version())).isPresent());
        assertThat(stack.catalog.lastRefusal().orElseThrow()).contains("SHA-256", tampered.sha256());
        assertThat(stack.catalog.versionInUse()).contains(served);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'model' }.data.version", equalTo(served))
                .body("checks.find { it.name == 'model' }.data.refused", containsString("model version " + tampered.version()));
        assertThat(given().when().get("/q/metrics").then().extract().asString())
                .containsPattern("colorize_worker_models_refused_total(\\{[^}]*\\})? [1-9]");

        UUID chapter = UUID.randomUUID();
        stack.pages.enqueue(Topics.JOBS, chapter, 1, 64, 64);
        PageResult result = stack.pages.awaitResults(chapter, 1, WAIT).get(0);
        assertThat(result.state()).isEqualTo(PageState.DONE);
        assertThat(result.modelVersion()).isEqualTo(served);
    }
}
