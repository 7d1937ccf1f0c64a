package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.rest.testing.ConsoleBrowser;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Series references in the publisher console, in headless Chromium against the real service: the series view adds a
 * reference from file inputs (colored image and line art) and shows it with a thumbnail, deletes one; a finished page's
 * card says how many of its regions followed a reference and makes the page a reference of its series.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class PublisherConsoleReferencesIT {

    private static final int MODEL = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    ObjectStore store;

    @Test
    void aPublisherAddsAndDeletesReferencesAndMakesAFinishedPageOne() throws Exception {
        var publisher = Publishers.create();
        String series = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth().oauth2(publisher.apiKey()).multiPart("seriesId", series)
                .multiPart("pages", "01.png", PublisherConsoleIT.MangaPages.lineArt(1), "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        UUID chapter = UUID.fromString(id);
        String result = ObjectKeys.result(publisher.id(), chapter, 1, MODEL, "png");
        store.put(result, PublisherConsoleIT.MangaPages.colored(1), "image/png");
        Stack.publishResults(List.of(WorkerResults.done(chapter, 1, MODEL, result)
                .withReferenceUse(new ReferenceUse(40, 12))));
        Await.until("the page done", WAIT, () -> "done".equals(given().auth().oauth2(publisher.apiKey())
                .get("/v1/chapters/" + id).then().extract().path("pages[0].state")));
        Path colored = Files.createTempFile("aiko-", ".png");
        Path lines = Files.createTempFile("aiko-lines-", ".png");
        Files.write(colored, PublisherConsoleIT.MangaPages.colored(2));
        Files.write(lines, PublisherConsoleIT.MangaPages.lineArt(2));

        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.driver.get(console.toString());
            browser.find("api-key").sendKeys(publisher.apiKey(), Keys.ENTER);
            browser.await("the upload screen", WAIT, d -> browser.find("view-upload").isDisplayed());

            // a finished page: its use of references, and made a reference of its series
            browser.driver.get(console + "#/chapters/" + id);
            browser.await("the page's reference use", WAIT, d -> !d.findElements(By.cssSelector(
                    "#page-1 .references-use")).isEmpty());
            assertThat(browser.driver.findElement(By.cssSelector("#page-1 .references-use")).getText())
                    .isEqualTo("12 of 40 regions followed a reference");
            browser.find("reference-from-1").click();
            browser.await("the page added as a reference", WAIT, d -> d.findElement(By.cssSelector(
                    "#page-1 .reference-open")).getText().contains("Added to the references of series " + series));

            // the series view: the page's reference, then one added from file inputs
            browser.driver.findElement(By.id("nav-series")).click();
            browser.find("series-id").sendKeys(series, Keys.ENTER);
            browser.await("one reference listed", WAIT, d -> d.findElements(By.cssSelector("#references-list li")).size() == 1);
            browser.find("reference-colored").sendKeys(colored.toString());
            browser.find("reference-lines").sendKeys(lines.toString());
            browser.find("reference-add").click();
            browser.await("two references listed", WAIT, d -> d.findElements(By.cssSelector("#references-list li")).size() == 2);
            browser.await("their thumbnails loaded", WAIT, d -> (Boolean) browser.script("return [...document"
                    + ".querySelectorAll('#references-list img')].every(i => i.complete && i.naturalWidth === 480)"));
            assertThat(browser.text("references-list")).contains("01.colored.png").contains("with line art 01.png")
                    .contains(colored.getFileName().toString()).contains("with line art " + lines.getFileName());
            given().auth().oauth2(publisher.apiKey()).get("/v1/series/" + series + "/references").then()
                    .statusCode(200).body("hasLines", org.hamcrest.Matchers.equalTo(List.of(true, true)));
            browser.screenshot("publisher-references");

            browser.driver.findElement(By.cssSelector("#references-list li:first-child button.danger")).click();
            browser.await("one reference left", WAIT, d -> d.findElements(By.cssSelector("#references-list li")).size() == 1);
            given().auth().oauth2(publisher.apiKey()).get("/v1/series/" + series + "/references").then()
                    .body("coloredName", org.hamcrest.Matchers.equalTo(List.of(colored.getFileName().toString())));

            assertThat(browser.driver.getCurrentUrl()).doesNotContain(publisher.apiKey());
            assertThat(browser.policyViolations()).as("nothing the series view does is blocked by the CSP").isEmpty();
        } finally {
            Files.deleteIfExists(colored);
            Files.deleteIfExists(lines);
        }
    }
}
