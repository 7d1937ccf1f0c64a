package dev.colorize.rest.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.TestAbortedException;

/**
 * Headless Chromium driven through the system's chromedriver (Debian's chromium and chromium-driver packages,
 * installed by .ci/run when missing): the driver and browser paths are given, so Selenium Manager never looks for
 * or downloads anything. Without them a browser test is skipped saying what to install (so `mvn -B verify` passes on
 * a fresh machine), unless -Dconsole.required=true (.ci/run) makes it fail instead. A fresh profile and download folder per browser. Screenshots go to
 * target/console-screenshots and, when -Dconsole.screenshots=DIR is set, to DIR too (how docs/console is made).
 * Shared by both consoles' browser tests (ingest-service and trainer) through this module's test-jar.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public final ChromeDriver driver;
    public final Path downloads;
    private final Path profile;
    private final ChromeDriverService service;

    private ConsoleBrowser(ChromeDriver driver, ChromeDriverService service, Path profile, Path downloads) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.downloads = downloads;
    }

    public static ConsoleBrowser start() throws IOException {
        String chromium = System.getProperty("console.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(chromedriver))) {
            String missing = "The console's browser test needs " + chromium + " and " + chromedriver
                    + ": apt-get install -y chromium chromium-driver (.ci/run does it)";
            if (Boolean.getBoolean("console.required")) {
                throw new IllegalStateException(missing);
            }
            throw new TestAbortedException(missing + "; skipped");
        }
        System.setProperty("webdriver.chrome.driver", chromedriver);
        Path profile = Files.createTempDirectory("console-chrome-profile");
        Path downloads = Files.createTempDirectory("console-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,800", "--hide-scrollbars",
                "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        ConsoleBrowser browser = new ConsoleBrowser(driver, service, profile, downloads);
        browser.size(1280, 800);
        return browser;
    }

    public WebElement find(String id) {
        return driver.findElement(By.id(id));
    }

    /** Waits for the condition; on a timeout keeps a screenshot of the page as it was (target/console-screenshots). */
    public <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout).withMessage(what).pollingEvery(Duration.ofMillis(100)).until(condition);
        } catch (TimeoutException e) {
            try {
                Path local = Path.of("target", "console-screenshots");
                Files.createDirectories(local);
                Files.write(local.resolve("timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-") + ".png"),
                        driver.getScreenshotAs(OutputType.BYTES));
            } catch (IOException | RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
    }

    public String text(String id) {
        return find(id).getText();
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The page's viewport, exactly (the window's size would include the browser's own frame). */
    public void size(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 700));
    }

    /** Whether the page fits the window's width (nothing to scroll sideways but inside table wrappers). */
    public boolean fitsWidth() {
        return (Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth + 1");
    }

    /** The browser console's messages about the page breaking its own Content-Security-Policy, since the last call. */
    public List<String> policyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy")).toList();
    }

    public void screenshot(String name) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Path local = Path.of("target", "console-screenshots");
        Files.createDirectories(local);
        Files.write(local.resolve(name + ".png"), png);
        String docs = System.getProperty("console.screenshots");
        if (docs != null && !docs.isBlank()) {
            Path dir = Path.of(docs);
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), png);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
            delete(downloads);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
