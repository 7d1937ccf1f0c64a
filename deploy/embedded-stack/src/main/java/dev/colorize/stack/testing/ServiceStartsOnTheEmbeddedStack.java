package dev.colorize.stack.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What every service proves when it starts on the embedded stack: it applied the shared schema, and it is
 * ready with its database checked. Each service's {@code *StartsOnTheEmbeddedStackIT} extends this as a
 * {@code @QuarkusTest} with {@link EmbeddedStackTestResource}, and adds what its own readiness needs.
 */
public abstract class ServiceStartsOnTheEmbeddedStack {

    @Inject
    protected DataSource dataSource;

    /** Readiness is UP with the database among its checks; the caller may check more of the response. */
    protected static ValidatableResponse assertReadyWithItsDatabaseChecked() {
        return given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    public void appliedTheSharedSchemaOnStart() throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name IN "
                                + "('chapters', 'pages', 'outbox', 'webhook_deliveries', 'model_versions', 'model_aliases', 'training_runs')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }
}
