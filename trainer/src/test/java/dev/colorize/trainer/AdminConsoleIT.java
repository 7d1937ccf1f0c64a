package dev.colorize.trainer;

import static dev.colorize.trainer.AdminApi.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.eval.MetricSet;
import dev.colorize.rest.testing.ConsoleBrowser;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.trainer.registry.ModelPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console in a real browser (headless Chromium) against the real trainer on the embedded stack: datasets
 * with their counts and validation pairs, a tiny run started from the form and watched live (the loss curves get
 * points while it runs, its sample sheet shows), its version promoted to production, a worse version refused by the
 * quality gate with its numbers, and a rollback, all in the audit trail. Wrong keys are refused in plain words.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class AdminConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int STEPS = 100;

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    ModelPublisher registry;

    @TempDir
    Path work;

    @Test
    void theConsoleIsServedWithoutAKeyWhileTheApiStaysProtected() {
        given().redirects().follow(false).get("/console").then().statusCode(302);
        given().get("/console/").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'"));
        given().get("/console/admin.js").then().statusCode(200);
        given().get("/console/console-base.js").then().statusCode(200) // from common-rest's jar
                .body(org.hamcrest.Matchers.containsString("function signIn("));
        given().get("/console/base.css").then().statusCode(200).body(org.hamcrest.Matchers.containsString(":root"));
        given().get("/v1/admin/runs").then().statusCode(401);
        given().get("/v1/admin/models").then().statusCode(401);
    }

    @Test
    void aDatasetImageIsServedAsUploadedOrAsTheLineArtTrainingPairsItWith() {
        String dataset = "console-images-" + UUID.randomUUID().toString().substring(0, 8);
        admin().contentType("application/json").body(Map.of("name", dataset)).post("/v1/admin/datasets").then().statusCode(201);
        byte[] png = TestImages.shapes(7, 64);
        String sha = admin().contentType("image/png").body(png).post("/v1/admin/datasets/" + dataset + "/images")
                .then().statusCode(201).extract().path("image.sha256");
        String path = "/v1/admin/datasets/" + dataset + "/images/" + sha;
        assertThat(admin().get(path).then().statusCode(200).contentType("image/png").extract().asByteArray()).isEqualTo(png);
        org.opencv.core.Mat sketch = dev.colorize.ml.data.ImageCodec.decodeBgr(admin().queryParam("view", "sketch").get(path)
                .then().statusCode(200).contentType("image/png").extract().asByteArray());
        assertThat(sketch.cols()).isEqualTo(64);
        assertThat(sketch.rows()).isEqualTo(64);
        admin().queryParam("view", "depth").get(path).then().statusCode(400);
        admin().get("/v1/admin/datasets/" + dataset + "/images/" + "0".repeat(64)).then().statusCode(404);
        given().get(path).then().statusCode(401);
    }

    @Test
    void aWrongKeyIsRefusedInPlainWords() throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.driver.get(console.toString());
            browser.find("api-key").sendKeys("not-an-admin-key", Keys.ENTER);
            String error = browser.await("the refusal", WAIT, d -> {
                String t = browser.text("signin-error");
                return t.isBlank() ? null : t;
            });
            assertThat(error).contains("unknown or revoked");
            assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
        }
    }

    @Test
    void anAdminTrainsWatchesTheLossesPromotesIsRefusedByTheGateAndRollsBack() throws Exception {
        String dataset = "console-shapes-" + UUID.randomUUID().toString().substring(0, 8);
        TinyRuns.dataset(dataset, 16);
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.driver.get(console.toString() + "#/datasets");
            browser.find("api-key").sendKeys(AdminApi.KEY);
            browser.find("signin-button").click();

            // datasets: counts and the validation pairs (line art and color)
            var row = browser.await("the dataset", WAIT, d -> d.findElements(By.cssSelector("tr[data-dataset='" + dataset + "']"))
                    .stream().findFirst().orElse(null));
            var view = admin().get("/v1/admin/datasets/" + dataset).then().extract().jsonPath();
            assertThat(row.findElements(By.tagName("td"))).extracting(c -> c.getText()).startsWith(dataset,
                    Integer.toString(view.getInt("trainingImages")), Integer.toString(view.getInt("validationImages")));
            row.findElement(By.cssSelector("button")).click();
            browser.await("the validation pairs", WAIT, d -> (Boolean) browser.script(
                    "const i = document.querySelectorAll('#pairs-strip img');"
                            + "return i.length === 2 * arguments[0] && [...i].every(x => x.complete && x.naturalWidth === 64)",
                    view.getInt("validationImages")));
            browser.screenshot("admin-datasets");

            // a run from the form, watched live
            browser.find("nav-runs").click();
            browser.await("the dataset in the run form", WAIT,
                    d -> d.findElements(By.cssSelector("#run-dataset option[value='" + dataset + "']")).size() == 1);
            new Select(browser.find("run-dataset")).selectByValue(dataset);
            browser.find("run-steps").sendKeys(Integer.toString(STEPS));
            browser.find("run-checkpoint").sendKeys("50");
            browser.find("run-lr").sendKeys("0.001"); // as TinyRuns trains the tiny network
            new Select(browser.find("run-preset")).selectByValue("tiny");
            browser.find("run-start").click();
            String runId = browser.await("the run screen", WAIT, d -> {
                String url = d.getCurrentUrl();
                return url.contains("#/runs/") ? url.substring(url.indexOf("#/runs/") + "#/runs/".length()) : null;
            });

            List<Integer> pointsWhileRunning = new ArrayList<>();
            browser.await("the run to finish", Duration.ofMinutes(3), d -> {
                String state = browser.find("run-state").getAttribute("data-state");
                assertThat(state).isNotEqualTo("failed");
                int points = Integer.parseInt(browser.find("loss-gan").getAttribute("data-points"));
                if ("running".equals(state) && points > 0 && points < STEPS) {
                    pointsWhileRunning.add(points);
                    if (pointsWhileRunning.size() == 1 || points >= STEPS / 2 && pointsWhileRunning.stream().allMatch(p -> p < STEPS / 2)) {
                        try {
                            browser.screenshot("admin-run-live");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                return "succeeded".equals(state);
            });
            assertThat(pointsWhileRunning).as("the loss curves got points while the run ran").isNotEmpty();
            // progress arrives 25 steps at a time and the page polls each second: on a fast machine the whole run may
            // be seen running at one count only, so the growth checked is from that partial curve to the full one
            browser.await("every step drawn", WAIT, d -> Integer.toString(STEPS).equals(browser.find("loss-l1").getAttribute("data-points")));
            assertThat(browser.find("loss-gan").getAttribute("aria-label")).startsWith("Loss curves over " + STEPS + " steps");
            browser.await("the last sample sheet", WAIT, d -> Integer.toString(STEPS).equals(browser.find("sample-sheet").getAttribute("data-step"))
                    && (Boolean) browser.script("const i = document.getElementById('sample-sheet'); return i.complete && i.naturalWidth === 192"));
            assertThat(new Select(browser.find("sample-step")).getOptions()).extracting(o -> o.getText())
                    .containsExactly("step 50", "step 100");
            assertThat(browser.text("stat-step")).isEqualTo(STEPS + " / " + STEPS);
            assertThat(browser.text("stat-step-time")).endsWith(" ms");
            int trained = admin().get("/v1/admin/runs/" + runId).then().extract().path("modelVersion");
            assertThat(browser.text("stat-model")).isEqualTo("v" + trained);
            browser.screenshot("admin-run");

            // the stage: production is a poor baseline; a worse candidate waits
            int baseline = register(0.6);
            int worse = register(0.95);
            admin().contentType("application/json").body(Map.of("version", baseline, "force", true, "reason", "console test baseline"))
                    .post("/v1/admin/aliases/production").then().statusCode(200);

            browser.find("nav-models").click();
            browser.await("the versions", WAIT, d -> d.findElements(By.cssSelector("tr[data-version='" + worse + "']")).size() == 1);
            assertThat(browser.text("production-version")).isEqualTo("v" + baseline);
            assertThat(browser.driver.findElements(By.cssSelector("#models-chart rect[data-version='" + worse + "']"))).hasSize(4);

            // a worse version: refused by the gate, with the numbers; forcing it needs a reason
            new Select(browser.find("promote-version")).selectByValue(Integer.toString(worse));
            new Select(browser.find("promote-alias")).selectByValue("production");
            browser.find("promote-button").click();
            String refusal = browser.await("the gate's refusal", WAIT, d -> {
                var shown = d.findElements(By.id("gate-refusal"));
                return shown.isEmpty() ? null : shown.get(0).getText();
            });
            assertThat(refusal).contains("The quality gate refused")
                    .contains("validation L1 0.9500 of version " + worse + " is worse than production version " + baseline
                            + "'s 0.6000 by more than 0.0050")
                    .contains("production L1").contains("+0.3500");
            browser.script("document.getElementById('promote-form').scrollIntoView()");
            browser.screenshot("admin-models-gate");
            browser.find("promote-force").click();
            browser.find("promote-button").click();
            browser.await("force needs a reason", WAIT, d -> browser.text("promote-error").contains("needs a reason"));
            browser.find("promote-force").click();
            assertThat(admin().get("/v1/admin/models").then().extract().jsonPath().getInt("productionVersion")).isEqualTo(baseline);

            // the trained version: through the gate (a tiny run sometimes diverges to NaN: then the gate refuses it
            // and the admin forces it with a reason)
            double trainedL1 = admin().get("/v1/admin/models/" + trained).then().extract().jsonPath().getDouble("metrics.model.l1");
            new Select(browser.find("promote-version")).selectByValue(Integer.toString(trained));
            browser.find("promote-reason").sendKeys("trained in the console");
            if (Double.isNaN(trainedL1)) {
                browser.find("promote-button").click();
                browser.await("the gate's refusal of NaN", WAIT, d -> browser.text("promote-error").contains("is not a number"));
                browser.find("promote-force").click();
            }
            browser.find("promote-button").click();
            browser.await("the promotion", WAIT, d -> browser.text("promote-result").startsWith("production is now v" + trained));
            browser.await("production shown", WAIT, d -> browser.text("production-version").equals("v" + trained)
                    && browser.find("promote-button").isEnabled());

            // roll back: production is the baseline again; the audit shows all of it
            browser.find("rollback-reason").sendKeys("console rollback");
            browser.find("rollback-production").click();
            browser.await("the rollback", WAIT, d -> browser.text("rollback-result")
                    .equals("production rolled back to v" + baseline + " (was v" + trained + ")."));
            assertThat(admin().get("/v1/admin/models").then().extract().jsonPath().getInt("productionVersion")).isEqualTo(baseline);
            browser.await("the audit trail", WAIT, d -> {
                @SuppressWarnings("unchecked")
                List<String> rows = (List<String>) browser.script(
                        "return [...document.querySelectorAll('#audit-table tbody tr')].slice(0, 3).map(r => r.innerText)");
                return rows.size() == 3 && rows.get(0).contains("rollback") && rows.get(0).contains("console rollback")
                        && rows.get(1).contains("promote") && rows.get(1).contains("trained in the console")
                        && rows.get(2).contains("console test baseline");
            });
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("admin-models");
            browser.size(390, 844);
            assertThat(browser.fitsWidth()).as("readable at phone width").isTrue();
            browser.screenshot("admin-models-phone");
            assertThat(browser.policyViolations()).as("nothing the page does is blocked by its own CSP").isEmpty();
        }
    }

    /** A real (untrained) tiny artifact registered with the given validation L1. */
    private int register(double l1) throws Exception {
        return TinyVersions.register(registry, work, "console-test", l1, new MetricSet(0.35, 12, 0.4, 5, 0.9, 0.8),
                new MetricSet(0.25, 14, 0.45, 10, 0.3, 0.2));
    }
}
