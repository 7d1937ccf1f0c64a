package dev.colorize.trainer.health;

import dev.colorize.trainer.registry.DefaultModelSeeder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until start-up has registered the shipped model (when the registry was empty), so clients see it. */
@Readiness
@ApplicationScoped
public class DefaultModelReadinessCheck implements HealthCheck {

    private final DefaultModelSeeder seeder;

    public DefaultModelReadinessCheck(DefaultModelSeeder seeder) {
        this.seeder = seeder;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("default-model").status(seeder.settled()).build();
    }
}
