package dev.colorize.worker.health;

import dev.colorize.worker.model.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once a model serves the alias; a refused artifact shows here while the old version keeps serving. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final ModelCatalog catalog;

    public ModelReadinessCheck(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("model").withData("alias", catalog.alias());
        catalog.lastRefusal().ifPresent(reason -> response.withData("refused", reason));
        return catalog.versionInUse()
                .map(version -> response.up().withData("version", version))
                .orElseGet(() -> response.down().withData("reason", "no model promoted to '" + catalog.alias() + "' is loaded"))
                .build();
    }
}
