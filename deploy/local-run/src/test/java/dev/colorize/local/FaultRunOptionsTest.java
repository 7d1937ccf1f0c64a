package dev.colorize.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultRunOptionsTest {

    private final Path root = Path.of("/checkout");

    @Test
    void defaultsAreTheIssuesRunTenChaptersOfTwentyPagesAndTenSecondOutages() {
        FaultInjectionRun.Options options = FaultInjectionRun.Options.parse(new String[0], root);
        assertThat(options.chapters()).isEqualTo(10);
        assertThat(options.pagesPerChapter()).isEqualTo(20);
        assertThat(options.pageHeight()).isEqualTo(192);
        assertThat(options.outage()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.output().getFileName()).hasToString("fault-run");
    }

    @Test
    void optionsOverrideTheDefaults() {
        FaultInjectionRun.Options options = FaultInjectionRun.Options.parse(
                new String[] {"--chapters", "3", "--pages", "4", "--outage-seconds", "5", "--output", "/tmp/x"}, root);
        assertThat(options.chapters()).isEqualTo(3);
        assertThat(options.pagesPerChapter()).isEqualTo(4);
        assertThat(options.outage()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.output()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void fewerChaptersThanFaultsAndUnknownOptionsAreRefused() {
        assertThatThrownBy(() -> FaultInjectionRun.Options.parse(new String[] {"--chapters", "2"}, root))
                .hasMessageContaining("--chapters must be at least 3");
        assertThatThrownBy(() -> FaultInjectionRun.Options.parse(new String[] {"--workers", "3"}, root))
                .hasMessageContaining("--workers");
        assertThatThrownBy(() -> FaultInjectionRun.Options.parse(new String[] {"--pages"}, root))
                .hasMessageContaining("--pages");
    }
}
