package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.colorize.platform.hints.ColorHints;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.rest.testing.ConsoleBrowser;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Color hints in the publisher console, in headless Chromium against the real service on the embedded stack: on a
 * finished page the publisher opens the hints panel, drops dots by clicking on the (scaled) page with a preset
 * color and a series palette entry, adds and removes one by keyboard, recolors; the job carries the dots in page
 * pixels, and once this test (playing the worker) finishes the revision the console shows revision 1 beside revision
 * 0. A recolor the API refuses shows the refusal next to the Recolor button.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class PublisherConsoleHintsIT {

    private static final int MODEL = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    ObjectStore store;

    @Test
    void aPublisherDropsHintsOnAPageRecolorsAndSeesTheNewRevisionBesideTheOldOne() throws Exception {
        var publisher = Publishers.create();
        String series = "hints-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(publisher.apiKey()).contentType("application/json")
                .body("{\"entries\":[{\"name\":\"Aiko hair\",\"color\":\"#D03030\"}]}")
                .put("/v1/series/" + series + "/palette").then().statusCode(200);
        String id = given().auth().oauth2(publisher.apiKey()).multiPart("seriesId", series)
                .multiPart("pages", "01.png", PublisherConsoleIT.MangaPages.lineArt(1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        UUID chapter = UUID.fromString(id);
        String first = ObjectKeys.result(publisher.id(), chapter, 1, MODEL, "png");
        store.put(first, PublisherConsoleIT.MangaPages.colored(1), "image/png");
        Stack.publishResults(List.of(WorkerResults.done(chapter, 1, MODEL, first)));
        Await.until("the page done", WAIT, () -> "done".equals(given().auth().oauth2(publisher.apiKey())
                .get("/v1/chapters/" + id).then().extract().path("pages[0].state")));
        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id).then()
                .body("seriesId", org.hamcrest.Matchers.equalTo(series));

        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.driver.get(console.toString());
            browser.find("api-key").sendKeys(publisher.apiKey(), Keys.ENTER);
            browser.await("the upload screen", WAIT, d -> browser.find("view-upload").isDisplayed());
            browser.driver.get(console + "#/chapters/" + id);
            browser.await("the Hints button of page 1", WAIT, d -> !d.findElements(By.id("hints-open-1")).isEmpty());
            browser.find("hints-open-1").click();
            browser.await("the page in the panel", WAIT, d -> (Boolean) browser.script(
                    "const i = document.getElementById('hints-image'); return i.complete && i.naturalWidth === 480"));
            browser.await("the series palette", WAIT, d -> !d.findElements(
                    By.cssSelector("#hints-palette button[data-name='Aiko hair']")).isEmpty());
            assertThat(browser.text("hints-palette-title")).contains(series);

            WebElement image = browser.find("hints-image");
            browser.script("arguments[0].scrollIntoView({block: 'center'})", image);
            double shownWidth = ((Number) browser.script("return arguments[0].getBoundingClientRect().width", image)).doubleValue();
            double shownHeight = ((Number) browser.script("return arguments[0].getBoundingClientRect().height", image)).doubleValue();
            assertThat(shownWidth).as("the page is shown scaled").isLessThan(480);

            // a preset color, then a click at (90, 120) on the shown image: (90, 120) * 480 / shown width in page pixels
            browser.driver.findElement(By.cssSelector("#hints-swatches button[data-color='#20c020']")).click();
            clickAt(browser, image, shownWidth, shownHeight, 90, 120);
            // a palette entry, then a second click
            browser.driver.findElement(By.cssSelector("#hints-palette button[data-name='Aiko hair']")).click();
            clickAt(browser, image, shownWidth, shownHeight, 270, 400);
            // a third dot added and removed by keyboard only
            browser.find("hints-x").sendKeys(Keys.chord(Keys.CONTROL, "a"), "5");
            browser.find("hints-y").sendKeys(Keys.chord(Keys.CONTROL, "a"), "6");
            browser.find("hints-image-button").sendKeys(Keys.ENTER);
            browser.await("three hints", WAIT, d -> dots(browser).size() == 3);
            browser.driver.findElement(By.cssSelector("#hints-list button[aria-label='Remove hint 3 at 5, 6']")).sendKeys(Keys.ENTER);
            browser.await("two hints", WAIT, d -> dots(browser).size() == 2);

            List<Map<String, Object>> dots = dots(browser);
            double scale = 480 / shownWidth;
            assertThat(num(dots.get(0).get("x"))).isCloseTo(90 * scale, within(2.0));
            assertThat(num(dots.get(0).get("y"))).isCloseTo(120 * (680 / shownHeight), within(2.0));
            assertThat(dots.get(0).get("color")).isEqualTo("#20c020");
            assertThat(num(dots.get(1).get("x"))).isCloseTo(270 * scale, within(2.0));
            assertThat(num(dots.get(1).get("y"))).isCloseTo(400 * (680 / shownHeight), within(2.0));
            assertThat(dots.get(1).get("color")).isEqualTo("#d03030");
            assertThat(browser.text("hints-list")).contains("Aiko hair (#d03030)");

            browser.find("hints-recolor").click();
            browser.await("the revision queued", WAIT, d -> "queued".equals(browser.find("hints-state").getAttribute("data-state")));
            assertThat(browser.text("hints-state")).isEqualTo("Revision 1 queued...");

            // (a) the recolor job: revision 1, its hints the clicked places in page pixels with their colors
            PageJob job = Stack.readJobs(j -> j.stream().filter(v -> v.contains(id)).count() >= 2, WAIT).stream()
                    .filter(v -> v.contains(id)).map(v -> MessageCodec.decode(v.getBytes(StandardCharsets.UTF_8), PageJob.class))
                    .filter(j -> j.page().revision() == 1).findFirst().orElseThrow();
            assertThat(ColorHints.parse(new String(store.get(job.request().hintsKey()), StandardCharsets.UTF_8)).points())
                    .extracting(ColorHints.Point::x, ColorHints.Point::y, ColorHints.Point::color)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(num(dots.get(0).get("x")), num(dots.get(0).get("y")), "#20c020"),
                            org.assertj.core.groups.Tuple.tuple(num(dots.get(1).get("x")), num(dots.get(1).get("y")), "#d03030"));

            // (b) the worker finishes revision 1: shown beside revision 0
            String second = ObjectKeys.result(publisher.id(), chapter, 1, 1, MODEL, "png");
            store.put(second, PublisherConsoleIT.MangaPages.colored(2), "image/png");
            Stack.publishResults(List.of(WorkerResults.done(chapter, 1, 1, MODEL,
                    second, null, null, null)));
            browser.await("revision 1 done", WAIT, d -> "done".equals(browser.find("hints-state").getAttribute("data-state")));
            browser.await("both revisions shown", WAIT, d -> (Boolean) browser.script(
                    "const b = document.getElementById('hints-before'), a = document.getElementById('hints-after');"
                            + "return b.complete && b.naturalWidth === 480 && a.complete && a.naturalWidth === 480"));
            assertThat(browser.find("hints-compare").isDisplayed()).isTrue();
            assertThat(browser.find("hints-before").getAttribute("data-revision")).isEqualTo("0");
            assertThat(browser.find("hints-after").getAttribute("data-revision")).isEqualTo("1");
            assertThat(browser.text("hints-before-caption")).startsWith("Revision 0");
            assertThat(browser.text("hints-after-caption")).startsWith("Revision 1");
            browser.size(1280, 1360);
            browser.script("document.getElementById('hints-panel').scrollIntoView()");
            browser.screenshot("publisher-hints");
            browser.size(1280, 800);

            // (c) the palette loses the entry a dot names: the API refuses, and says why next to the button
            given().auth().oauth2(publisher.apiKey()).contentType("application/json")
                    .body("{\"entries\":[{\"name\":\"Ren eyes\",\"color\":\"#3070d0\"}]}")
                    .put("/v1/series/" + series + "/palette").then().statusCode(200);
            browser.find("hints-recolor").click();
            String error = browser.await("the refusal", WAIT, d -> {
                String t = browser.text("hints-error");
                return t.isBlank() ? null : t;
            });
            assertThat(error).startsWith("Recolor refused:").contains("Aiko hair").contains(series);
            assertThat(browser.text("hints-state")).isEqualTo("Revision 1 done.");
            given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id + "/pages/1/revisions").then()
                    .statusCode(200).body("revision", org.hamcrest.Matchers.equalTo(List.of(1)));

            assertThat(browser.driver.getCurrentUrl()).doesNotContain(publisher.apiKey());
            assertThat(browser.policyViolations()).as("nothing the panel does is blocked by the CSP").isEmpty();
        }
    }

    /** A click at (x, y) of the shown image, from its top left corner (Selenium's offsets are from its center). */
    private static void clickAt(ConsoleBrowser browser, WebElement image, double width, double height, int x, int y) {
        int before = dots(browser).size();
        new Actions(browser.driver).moveToElement(image, x - (int) Math.round(width / 2), y - (int) Math.round(height / 2))
                .click().perform();
        browser.await("the dot of the click", WAIT, d -> dots(browser).size() == before + 1);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> dots(ConsoleBrowser browser) {
        return (List<Map<String, Object>>) browser.script("return [...document.querySelectorAll('#hints-list li')].map(l => "
                + "({x: Number(l.dataset.x), y: Number(l.dataset.y), color: l.dataset.color}))");
    }

    private static double num(Object value) {
        return ((Number) value).doubleValue();
    }
}
