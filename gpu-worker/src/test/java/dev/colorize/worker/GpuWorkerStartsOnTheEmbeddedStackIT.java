package dev.colorize.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.support.TestStack;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class GpuWorkerStartsOnTheEmbeddedStackIT {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestStack stack;

    @Test
    void isReadyOnceAModelServesWithItsDatabaseChecked() throws Exception {
        int version = stack.ensureProduction();
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "model"))
                .body("checks.find { it.name == 'model' }.data.version", equalTo(version));
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        int version = stack.ensureProduction();
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("colorize_worker_model_version " + version + ".0", "colorize_worker_consumer_lag",
                "colorize_worker_pages_total{status=\"done\"}", "colorize_worker_batch_size_bucket");
    }

    @Test
    void appliedTheSharedSchemaOnStart() throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name IN "
                                + "('chapters', 'pages', 'outbox', 'webhook_deliveries', 'model_versions', 'model_aliases', 'training_runs')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }
}
