package dev.colorize.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.platform.model.ModelAliases;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.trainer.registry.DefaultModelSeeder;
import dev.colorize.trainer.registry.ModelPublisher;
import dev.colorize.trainer.registry.PromotionRequest;
import dev.colorize.trainer.registry.PromotionService;
import dev.colorize.trainer.registry.RegistryRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release that ships another default model: where production is still the earlier shipped model, the new one is
 * registered and replaces it (once, however often the trainer starts); where an admin promoted another, the new one is
 * registered and production stays.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class ShippedModelUpgradeIT {

    @Inject
    DefaultModelSeeder seeder;

    @Inject
    ModelPublisher publisher;

    @Inject
    RegistryRepository registry;

    @Inject
    PromotionService promotions;

    @Inject
    Jdbc jdbc;

    @TempDir
    Path work;

    @Test
    void aNewShippedModelReplacesAnEarlierShippedOneButNeverAnAdminsChoice() throws Exception {
        String shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("default-model/manifest.json")) {
            shipped = new ObjectMapper().readTree(in).get("weightsSha256").asText();
        }
        // an installation seeded before shipped models were recorded: production promoted by the seeder, by its reason
        int earlier = TinyVersions.register(publisher, work, "shipped-earlier", 0.2, null, null);
        promotions.promote(ModelAliases.PRODUCTION, new PromotionRequest(earlier,
                "the default model shipped with the project", true), "system");

        int replacing = seeder.seed();

        assertThat(replacing).isGreaterThan(earlier);
        assertThat(registry.aliasVersion(ModelAliases.PRODUCTION)).contains(replacing);
        assertThat(recorded(shipped)).as("the shipped weights, recorded").isEqualTo(replacing);
        assertThat(jdbc.queryOne("SELECT count(*) FROM shipped_models WHERE version = ?", r -> r.getInt(1), earlier))
                .as("the earlier seed, recorded from its artifact").contains(1);
        assertThat(registry.audit(ModelAliases.PRODUCTION).get(0).reason()).contains("replacing version " + earlier);
        assertThat(seeder.seed()).as("a second start registers nothing").isZero();
        assertThat(registry.aliasVersion(ModelAliases.PRODUCTION)).contains(replacing);

        // an admin's choice in production, then a release shipping weights not registered yet
        int chosen = TinyVersions.register(publisher, work, "admins-choice", 0.1, null, null);
        promotions.promote(ModelAliases.PRODUCTION, new PromotionRequest(chosen, "our own model", true), "admin");
        jdbc.update("DELETE FROM shipped_models WHERE weights_sha256 = ?", shipped);

        int waiting = seeder.seed();

        assertThat(waiting).isGreaterThan(chosen);
        assertThat(registry.version(waiting)).isPresent();
        assertThat(recorded(shipped)).isEqualTo(waiting);
        assertThat(registry.aliasVersion(ModelAliases.PRODUCTION)).as("the admin's choice stays").contains(chosen);
    }

    private int recorded(String weights) {
        return jdbc.queryOne("SELECT version FROM shipped_models WHERE weights_sha256 = ?", r -> r.getInt(1), weights)
                .orElse(-1);
    }
}
