package dev.colorize.trainer;

import static dev.colorize.trainer.AdminApi.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.colorize.platform.messaging.Topics;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.trainer.registry.ModelPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class PromotionIT {

    @Inject
    ModelPublisher registry;

    @Inject
    Jdbc jdbc;

    @TempDir
    Path work;

    /** A real (untrained) tiny artifact registered with the given validation L1. */
    private int register(double l1) throws Exception {
        return TinyVersions.register(registry, work, "promotion-test", l1, null, null);
    }

    private static JsonPath promote(String alias, Map<String, Object> body, int status) {
        return admin().contentType("application/json").body(body).post("/v1/admin/aliases/" + alias)
                .then().statusCode(status).extract().jsonPath();
    }

    @Test
    void qualityGatePromotionRollbackAndAuditTrail() throws Exception {
        int good = register(0.10);
        int worse = register(0.30);
        int better = register(0.09);

        promote("production", Map.of("version", good, "reason", "first"), 200);
        assertThat(ModelEvents.find(e -> e.type().equals("PROMOTED") && e.version() == good
                && "production".equals(e.alias()), Duration.ofSeconds(30))).hasValueSatisfying(e -> {
                    assertThat(e.key()).isEqualTo("production");
                    assertThat(e.artifactKey()).isEqualTo("models/v" + good + "/model.zip");
                });

        // worse than production by more than the margin: refused, and nothing moves
        promote("production", Map.of("version", worse), 409);
        admin().contentType("application/json").body(Map.of("version", worse)).post("/v1/admin/aliases/production")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/quality-gate"));
        promote("production", Map.of("version", worse, "force", true), 400);
        JsonPath versions = admin().get("/v1/admin/models").then().statusCode(200).extract().jsonPath();
        assertThat(versions.getInt("productionVersion")).isEqualTo(good);
        assertThat(versions.getDouble("productionMetrics.l1")).isCloseTo(0.10, offset(1e-6));
        Map<String, Object> worseRow = versions.<Map<String, Object>>getList("versions").stream()
                .filter(v -> ((Map<?, ?>) v.get("version")).get("version").equals(worse)).findFirst().orElseThrow();
        assertThat(((Number) worseRow.get("productionL1")).doubleValue()).isCloseTo(0.10, offset(1e-6));
        assertThat(((Number) worseRow.get("l1VersusProduction")).doubleValue()).isCloseTo(0.20, offset(1e-6));

        // forced with a reason: allowed and marked in the audit
        assertThat(promote("production", Map.of("version", worse, "force", true, "reason", "hotfix for a customer"),
                200).getBoolean("forced")).isTrue();
        // a better version passes the gate
        promote("production", Map.of("version", better, "reason", "nightly was better"), 200);
        // the gate guards every alias: canary may not take a version worse than production either
        promote("canary", Map.of("version", worse), 409);
        promote("canary", Map.of("version", better), 200);

        // rollback walks back the promotion history: better -> worse -> good
        admin().contentType("application/json").body(Map.of("reason", "regression seen"))
                .post("/v1/admin/aliases/production/rollback").then().statusCode(200)
                .body("fromVersion", equalTo(better)).body("toVersion", equalTo(worse))
                .body("action", equalTo("rollback"));
        admin().contentType("application/json").body(Map.of("reason", "still bad"))
                .post("/v1/admin/aliases/production/rollback").then().statusCode(200)
                .body("toVersion", equalTo(good));
        assertThat(admin().get("/v1/admin/models").then().extract().jsonPath().getInt("productionVersion"))
                .isEqualTo(good);
        assertThat(ModelEvents.find(e -> e.type().equals("PROMOTED") && e.version() == worse,
                Duration.ofSeconds(30))).isPresent();

        List<Map<String, Object>> audit = admin().get("/v1/admin/aliases/production/audit").then().statusCode(200)
                .extract().jsonPath().getList("$");
        List<Map<String, Object>> mine = audit.stream().filter(a -> Set.of(good, worse, better).contains(a.get("toVersion")))
                .toList();
        assertThat(mine).extracting(a -> a.get("action") + ":" + a.get("fromVersion") + "->" + a.get("toVersion")
                + ":" + a.get("forced")).startsWith(
                "rollback:" + worse + "->" + good + ":false",
                "rollback:" + better + "->" + worse + ":false",
                "promote:" + worse + "->" + better + ":false",
                "promote:" + good + "->" + worse + ":true");
        assertThat(mine.get(3).get("reason")).isEqualTo("hotfix for a customer");
        assertThat(mine).allSatisfy(a -> {
            assertThat(a.get("actor")).isEqualTo("bootstrap-admin");
            assertThat(a.get("changedAt")).isNotNull();
        });
    }

    @Test
    void aPromotionsEventLeavesThroughTheSharedOutboxOnce() throws Exception {
        int version = register(0.05);

        promote("canary", Map.of("version", version, "reason", "outbox check"), 200);

        assertThat(ModelEvents.find(e -> e.type().equals("PROMOTED") && e.version() == version
                && "canary".equals(e.alias()), Duration.ofSeconds(30))).isPresent();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (publishedCanaryEvents(version) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(publishedCanaryEvents(version)).as("one outbox row, marked published once Kafka took it")
                .isEqualTo(1);
    }

    private long publishedCanaryEvents(int version) {
        return jdbc.queryOne("SELECT count(*) FROM outbox WHERE topic = ? AND message_key = 'canary' "
                + "AND (payload::jsonb ->> 'version')::int = ? AND published_at IS NOT NULL", r -> r.getLong(1),
                Topics.MODEL_EVENTS, version).orElseThrow();
    }

    @Test
    void unknownAliasesAndVersionsAreProblems() {
        promote("staging", Map.of("version", 1), 404);
        promote("production", Map.of("version", 987654), 404);
        promote("production", Map.of(), 400);
    }
}
