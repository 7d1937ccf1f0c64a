package dev.colorize.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.stack.testing.ServiceStartsOnTheEmbeddedStack;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class GpuWorkerStartsOnTheEmbeddedStackIT extends ServiceStartsOnTheEmbeddedStack {

    @Inject
    TestStack stack;

    @Test
    void isReadyOnceAModelServesWithItsDatabaseChecked() throws Exception {
        int version = stack.ensureProduction();
        assertReadyWithItsDatabaseChecked()
                .body("checks.name", hasItem("model"))
                .body("checks.find { it.name == 'model' }.data.version", equalTo(version));
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        int version = stack.ensureProduction();
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("colorize_worker_model_version " + version + ".0", "colorize_worker_consumer_lag",
                "colorize_worker_pages_total{status=\"done\"}", "colorize_worker_batch_size_bucket");
    }
}
