package dev.colorize.ingest.health;

import dev.colorize.platform.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the object store answers a signed request for the bucket. */
@Readiness
@ApplicationScoped
public class ObjectStoreHealthCheck implements HealthCheck {

    private final ObjectStore store;

    public ObjectStoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.size("health/probe");
            return HealthCheckResponse.named("object-store").up().withData("bucket", store.bucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("object-store").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
