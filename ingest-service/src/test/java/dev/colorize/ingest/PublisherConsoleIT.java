package dev.colorize.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.rest.testing.ConsoleBrowser;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The publisher console in a real browser (headless Chromium) against the real service on the embedded stack: sign
 * in, upload a folder of three pages with layers asked for, watch each page's state change live while this test
 * plays the GPU worker, compare before and after, read a failed page's reason, download the CBZ (checked byte for
 * byte from Chrome's download folder), list and delete chapters, and the webhooks screen. A wrong key is refused in
 * plain words. The key never appears in a URL.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class PublisherConsoleIT {

    private static final int MODEL = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    ObjectStore store;

    @TempDir
    Path folder;

    @Test
    void theConsoleIsServedWithoutAKeyWhileTheApiStaysProtected() {
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/"));
        given().get("/console/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'"));
        given().get("/console/publisher.js").then().statusCode(200);
        given().get("/console/console.css").then().statusCode(200);
        // the parts both consoles share come from common-rest's jar
        given().get("/console/console-base.js").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("function signIn("));
        given().get("/console/base.css").then().statusCode(200).body(org.hamcrest.Matchers.containsString(":root"));
        given().get("/v1/chapters").then().statusCode(401);
        given().get("/v1/webhooks/settings").then().statusCode(401);
    }

    @Test
    void theEndpointsTheConsoleAddedServeTheUploadedPageAndTheWebhookSettings() {
        var publisher = Publishers.create("https://hooks.example.com/colorize");
        given().auth().oauth2(publisher.apiKey()).get("/v1/webhooks/settings").then().statusCode(200)
                .body("defaultUrl", org.hamcrest.Matchers.equalTo("https://hooks.example.com/colorize"));
        byte[] page = MangaPages.lineArt(1);
        String id = given().auth().oauth2(publisher.apiKey()).multiPart("pages", "1.png", page, "image/png")
                .post("/v1/chapters").then().statusCode(202).extract().path("chapterId");
        String original = "/v1/chapters/" + id + "/pages/1/original";
        assertThat(given().auth().oauth2(publisher.apiKey()).queryParam("delivery", "stream").get(original).then()
                .statusCode(200).contentType("image/png").extract().asByteArray()).isEqualTo(page);
        given().auth().oauth2(publisher.apiKey()).redirects().follow(false).get(original).then().statusCode(307);
        given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + id + "/pages/2/original").then().statusCode(404);
        given().auth().oauth2(Publishers.create().apiKey()).get(original).then().statusCode(404);
        given().get(original).then().statusCode(401);
    }

    @Test
    void aWrongKeyIsRefusedInPlainWordsNextToTheKeyField() throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.driver.get(console.toString());
            browser.find("api-key").sendKeys("ck_not-a-key-of-anyone", Keys.ENTER);
            String error = browser.await("the refusal", WAIT, d -> {
                String t = browser.text("signin-error");
                return t.isBlank() ? null : t;
            });
            assertThat(error).contains("unknown or revoked").contains("Check the API key");
            assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
            assertThat(browser.find("view-upload").isDisplayed()).isFalse();
            browser.screenshot("publisher-wrong-key");
            assertThat(browser.policyViolations()).isEmpty();
            // the check sees what the policy blocks: an inline style set from a script
            browser.script("document.body.setAttribute('style', 'outline: 1px solid red')");
            assertThat(browser.policyViolations()).isNotEmpty();
        }
    }

    @Test
    void aCbzIsUploadedAsOneArchiveItsPagesInNameOrder() throws Exception {
        var publisher = Publishers.create();
        Path cbz = folder.resolve("chapter-2.cbz");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("p10.png", MangaPages.lineArt(2));
        entries.put("p9.png", MangaPages.lineArt(1));
        Files.write(cbz, Pages.zip(entries));
        try (ConsoleBrowser browser = ConsoleBrowser.start()) {
            browser.driver.get(console.toString());
            browser.find("api-key").sendKeys(publisher.apiKey(), Keys.ENTER);
            browser.await("the upload screen", WAIT, d -> browser.find("view-upload").isDisplayed());
            browser.find("upload-files").sendKeys(cbz.toString());
            browser.await("the chosen archive", WAIT, d -> browser.text("selection").startsWith("Archive: chapter-2.cbz"));
            browser.find("upload-button").click();
            browser.await("two queued pages", WAIT, d -> d.findElements(By.cssSelector("#pages article")).size() == 2);
            assertThat(browser.driver.findElements(By.cssSelector("#pages article .name"))).extracting(WebElement::getText)
                    .containsExactly("p9.png - 480x680", "p10.png - 480x680");
            assertThat(browser.text("chapter-counts")).startsWith("0 of 2 pages done");

            // pages dropped on the drop zone (files made in the page; a real folder cannot be dropped by a script)
            browser.find("nav-upload").click();
            browser.script("""
                    const zone = document.getElementById('drop-zone');
                    const page = (name) => new Promise((ok) => {
                      const c = document.createElement('canvas'); c.width = 40; c.height = 60;
                      const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 40, 60);
                      g.strokeRect(5, 5, 30, 50);
                      c.toBlob((b) => ok(new File([b], name, { type: 'image/png' })), 'image/png');
                    });
                    Promise.all([page('b-2.png'), page('b-1.png')]).then((files) => {
                      const dt = new DataTransfer();
                      files.forEach((f) => dt.items.add(f));
                      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
                    });""");
            browser.await("the dropped pages", WAIT, d -> browser.text("selection").startsWith("2 pages"));
            assertThat(browser.text("selection")).endsWith("b-1.png, b-2.png");
            browser.find("upload-button").click();
            browser.await("the dropped chapter", WAIT, d -> d.getCurrentUrl().contains("#/chapters/")
                    && d.findElements(By.cssSelector("#pages article .name")).size() == 2);
            assertThat(browser.driver.findElements(By.cssSelector("#pages article .name"))).extracting(WebElement::getText)
                    .containsExactly("b-1.png - 40x60", "b-2.png - 40x60");
        }
    }

    @Test
    void aPublisherUploadsAFolderWatchesThePagesLiveComparesAndDownloadsTheCbz() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(1); ConsoleBrowser browser = ConsoleBrowser.start()) {
            var publisher = Publishers.create(receiver.url());
            Path pages = Files.createDirectories(folder.resolve("chapter-1"));
            for (int i = 1; i <= 3; i++) {
                Files.write(pages.resolve(String.format("%02d.png", i)), MangaPages.lineArt(i));
            }
            Files.writeString(pages.resolve("notes.txt"), "not a page");

            browser.driver.get(console.toString());
            browser.find("api-key").sendKeys(publisher.apiKey());
            browser.find("signin-button").click();
            browser.await("the upload screen", WAIT, d -> browser.find("view-upload").isDisplayed());
            assertThat(browser.script("return sessionStorage.getItem('colorize.publisher.key')")).isEqualTo(publisher.apiKey());

            browser.find("upload-title-input").sendKeys("Chapter 1");
            browser.find("upload-layers").click();
            browser.find("upload-ora").click();
            browser.find("upload-folder").sendKeys(pages.toString());
            browser.await("the chosen pages", WAIT, d -> browser.text("selection").startsWith("3 pages"));
            assertThat(browser.text("selection")).contains("01.png, 02.png, 03.png");
            browser.screenshot("publisher-upload");
            browser.find("upload-button").click();

            String chapterId = browser.await("the chapter screen", WAIT, d -> {
                String url = d.getCurrentUrl();
                return url.contains("#/chapters/") ? url.substring(url.indexOf("#/chapters/") + "#/chapters/".length()) : null;
            });
            UUID chapter = UUID.fromString(chapterId);
            assertThat(browser.find("upload-progress").getAttribute("value")).isEqualTo("100");
            browser.await("three queued pages", WAIT, d -> d.findElements(By.cssSelector("#pages article")).size() == 3);
            assertThat(pageState(browser, 1)).isEqualTo("queued");

            List<PageJob> jobs = Stack.readJobs(j -> j.stream().filter(v -> v.contains(chapterId)).count() >= 3, WAIT)
                    .stream().filter(v -> v.contains(chapterId))
                    .map(v -> MessageCodec.decode(v.getBytes(StandardCharsets.UTF_8), PageJob.class)).toList();
            assertThat(jobs).hasSize(3).allSatisfy(job -> {
                assertThat(job.request().wants(PageOutput.LAYERS)).isTrue();
                assertThat(job.request().wants(PageOutput.ORA)).isTrue();
            });

            // the worker finishes page 1: the browser shows it without a reload, the others still waiting
            Map<String, byte[]> colored = new LinkedHashMap<>();
            Stack.publishResults(List.of(colored(publisher.id(), chapter, 1, colored)));
            browser.await("page 1 done, live", WAIT, d -> "done".equals(pageState(browser, 1)));
            assertThat(pageState(browser, 2)).isEqualTo("queued");
            assertThat(browser.text("chapter-counts")).startsWith("1 of 3 pages done");
            browser.screenshot("publisher-live");

            Stack.publishResults(List.of(colored(publisher.id(), chapter, 2, colored),
                    WorkerResults.failed(chapter, 3,
                            "page 3: cannot be colored: out of memory")));
            browser.await("the final state", WAIT,
                    d -> "completed_with_errors".equals(browser.find("chapter-state").getAttribute("data-state")));
            assertThat(pageState(browser, 2)).isEqualTo("done");
            assertThat(pageState(browser, 3)).isEqualTo("failed");
            assertThat(browser.driver.findElement(By.cssSelector("#page-3 .reason")).getText())
                    .isEqualTo("page 3: cannot be colored: out of memory");
            // before and after are the uploaded page and the colored one, both loaded
            browser.await("both images of page 1", WAIT, d -> (Boolean) browser.script(
                    "const i = document.querySelectorAll('#page-1 .compare img');"
                            + "return i.length === 2 && [...i].every(x => x.complete && x.naturalWidth > 0)"));
            assertThat(browser.script("return document.querySelector('#page-1 .compare img.after').naturalWidth"))
                    .isEqualTo(480L);
            WebElement slider = browser.find("slider-1");
            slider.sendKeys(Keys.END);
            assertThat(slider.getAttribute("aria-valuetext")).isEqualTo("100 % colored");
            for (int i = 0; i < 40; i++) {
                slider.sendKeys(Keys.ARROW_LEFT);
            }
            assertThat(slider.getAttribute("aria-valuetext")).isEqualTo("60 % colored");
            assertThat(browser.driver.findElements(By.cssSelector("#page-1 .buttons button")))
                    .extracting(WebElement::getText).containsExactly("Page", "Flats", "Lines", "ORA");
            assertThat(browser.find("download-layers").isDisplayed()).isTrue();
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("publisher-results");

            browser.find("side-by-side").click();
            browser.screenshot("publisher-side-by-side");
            browser.size(390, 844);
            assertThat(browser.fitsWidth()).as("readable at phone width").isTrue();
            browser.screenshot("publisher-results-phone");
            browser.size(1280, 800);

            browser.find("download-cbz").click();
            Path cbz = browser.downloads.resolve("Chapter 1.cbz");
            browser.await("the CBZ in the download folder", WAIT, d -> Files.exists(cbz)
                    && !Files.exists(browser.downloads.resolve("Chapter 1.cbz.crdownload")));
            Map<String, byte[]> entries = entries(Files.readAllBytes(cbz));
            assertThat(entries.keySet()).containsExactly("0001.png", "0002.png", "failures.json");
            assertThat(entries.get("0001.png")).isEqualTo(colored.get(ObjectKeys.result(publisher.id(), chapter, 1, MODEL, "png")));
            assertThat(entries.get("0002.png")).isEqualTo(colored.get(ObjectKeys.result(publisher.id(), chapter, 2, MODEL, "png")));
            assertThat(new String(entries.get("failures.json"), StandardCharsets.UTF_8)).contains("out of memory");

            browser.driver.findElement(By.cssSelector("#page-1 button[aria-label='Download ora (OpenRaster) file of page 1']")).click();
            Path ora = browser.downloads.resolve("01.ora");
            browser.await("the ORA file", WAIT, d -> Files.exists(ora)
                    && !Files.exists(browser.downloads.resolve("01.ora.crdownload")));
            assertThat(Files.readAllBytes(ora)).isEqualTo(colored.get(ObjectKeys.openRaster(publisher.id(), chapter, 1, MODEL)));

            assertThat(browser.driver.getCurrentUrl()).doesNotContain(publisher.apiKey());

            // webhooks: the default URL, the delivery with its failed then successful attempt, a resend, a rotation
            browser.find("nav-webhooks").click();
            browser.await("the webhook URL", WAIT, d -> receiver.url().equals(browser.find("webhook-url").getAttribute("value")));
            Await.until("the webhook delivered after a retry", WAIT, () -> receiver.received().size() >= 2);
            browser.await("the delivery with both attempts", WAIT, d -> {
                browser.find("deliveries-refresh").click();
                @SuppressWarnings("unchecked")
                List<String> rows = (List<String>) browser.script(
                        "return [...document.querySelectorAll('#deliveries-table tbody tr')].map(r => r.innerText)");
                return rows.size() == 1 && rows.get(0).contains("HTTP 500") && rows.get(0).contains("HTTP 204");
            });
            browser.screenshot("publisher-webhooks");
            browser.driver.findElement(By.cssSelector("#deliveries-table button[aria-label^='Resend']")).click();
            Await.until("the resent webhook", WAIT, () -> receiver.received().size() >= 3);
            assertThat(receiver.received().get(2).id()).isEqualTo(receiver.received().get(1).id());

            browser.find("rotate-secret").click();
            browser.find("rotate-confirm").click();
            String secret = browser.await("the new secret", WAIT, d -> {
                var shown = d.findElements(By.id("new-secret"));
                return shown.isEmpty() ? null : shown.get(0).getText();
            });
            assertThat(secret).startsWith("whsec_").isNotEqualTo(publisher.webhookSecret());

            browser.find("webhook-url").clear();
            browser.find("webhook-url").sendKeys("ftp://example.com/hooks", Keys.ENTER);
            browser.await("the refusal", WAIT, d -> !browser.text("webhook-error").isBlank());
            assertThat(browser.text("webhook-error")).contains("a webhook URL must use http or https");

            // chapters: listed with its counts; deleted after a confirmation
            browser.find("nav-chapters").click();
            WebElement row = browser.await("the chapter in the list", WAIT,
                    d -> d.findElements(By.cssSelector("tr[data-chapter='" + chapterId + "']")).stream().findFirst().orElse(null));
            assertThat(row.getText()).contains("Chapter 1").contains("completed with errors");
            browser.screenshot("publisher-chapters");
            row.findElement(By.cssSelector("button[aria-label='Delete chapter Chapter 1']")).click();
            row.findElement(By.cssSelector("button[data-confirm='yes']")).click();
            browser.await("the row gone", WAIT,
                    d -> d.findElements(By.cssSelector("tr[data-chapter='" + chapterId + "']")).isEmpty());
            given().auth().oauth2(publisher.apiKey()).get("/v1/chapters/" + chapterId).then().statusCode(404);
            assertThat(browser.policyViolations()).as("nothing the page does is blocked by its own CSP").isEmpty();
        }
    }

    /** Read in one script: the card is re-rendered whenever its state changes, so a found element may go stale. */
    private static String pageState(ConsoleBrowser browser, int page) {
        return (String) browser.script("const b = document.querySelector('#page-' + arguments[0] + ' header .badge');"
                + "return b ? b.getAttribute('data-state') : null", page);
    }

    /** As a worker does: the colored page and its layers stored, then a DONE result naming them. */
    private PageResult colored(UUID publisherId, UUID chapter, int page, Map<String, byte[]> objects) {
        Map<String, byte[]> written = new LinkedHashMap<>();
        written.put(ObjectKeys.result(publisherId, chapter, page, MODEL, "png"), MangaPages.colored(page));
        written.put(ObjectKeys.flatsLayer(publisherId, chapter, page, MODEL), MangaPages.colored(page));
        written.put(ObjectKeys.linesLayer(publisherId, chapter, page, MODEL), MangaPages.lineArt(page));
        written.put(ObjectKeys.openRaster(publisherId, chapter, page, MODEL), ("ora of page " + page).getBytes(StandardCharsets.UTF_8));
        written.forEach((key, bytes) -> store.put(key, bytes, "application/octet-stream"));
        objects.putAll(written);
        List<String> keys = List.copyOf(written.keySet());
        return WorkerResults.done(chapter, page, 0, MODEL, keys.get(0), keys.get(1), keys.get(2), keys.get(3));
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** Small manga-like pages: framed panels with outlined shapes, as line art and as the same page colored. */
    static final class MangaPages {

        private static final int WIDTH = 480;
        private static final int HEIGHT = 680;

        static byte[] lineArt(int page) {
            return draw(page, false);
        }

        static byte[] colored(int page) {
            return draw(page, true);
        }

        private static byte[] draw(int page, boolean color) {
            BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int[][] panels = {{20, 20, 440, 300}, {20, 340, 210, 320}, {250, 340, 210, 320}};
            Color[] skies = {new Color(150, 200, 245), new Color(250, 215, 160), new Color(200, 235, 190)};
            Color[] things = {new Color(230, 90, 80), new Color(80, 140, 220), new Color(245, 190, 60)};
            for (int i = 0; i < panels.length; i++) {
                int[] p = panels[i];
                if (color) {
                    g.setColor(skies[(i + page) % 3]);
                    g.fillRect(p[0], p[1], p[2], p[3]);
                }
                int r = 40 + 12 * ((i + page) % 3);
                int cx = p[0] + p[2] / 2 + (page * 17 % 40) - 20;
                int cy = p[1] + p[3] / 2;
                if (color) {
                    g.setColor(things[(i + 2 * page) % 3]);
                    g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
                    g.setColor(new Color(120, 90, 60));
                    g.fillRect(p[0], p[1] + p[3] - 40, p[2], 40);
                }
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(3));
                g.drawOval(cx - r, cy - r, 2 * r, 2 * r);
                g.drawLine(p[0], p[1] + p[3] - 40, p[0] + p[2], p[1] + p[3] - 40);
                g.setStroke(new BasicStroke(5));
                g.drawRect(p[0], p[1], p[2], p[3]);
            }
            g.dispose();
            try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                ImageIO.write(image, "png", out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
