package dev.colorize.rest.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** `mvn -B verify` passes on a machine without Chromium: the browser tests are skipped saying what to install. */
class ConsoleBrowserTest {

    @AfterEach
    void browserAsConfigured() {
        System.clearProperty("console.chromium");
        System.clearProperty("console.required");
    }

    @Test
    void withoutChromiumABrowserTestIsSkippedSayingWhatToInstall() {
        System.setProperty("console.chromium", "/nonexistent/chromium");

        assertThatThrownBy(ConsoleBrowser::start).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("/nonexistent/chromium")
                .hasMessageContaining("apt-get install -y chromium chromium-driver");
    }

    @Test
    void whereTheBrowserTestsAreRequiredAMissingChromiumFailsThem() {
        System.setProperty("console.chromium", "/nonexistent/chromium");
        System.setProperty("console.required", "true");

        assertThatThrownBy(ConsoleBrowser::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/chromium");
    }
}
