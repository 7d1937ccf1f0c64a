package dev.colorize.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IngestConfigDefaultsTest {

    @Test
    void aSettingReadByNameGetsTheMappingsDefault() {
        // the webhook dispatcher's @Scheduled(every = "${colorize.ingest.webhook.poll-interval}") has no fallback
        SmallRyeConfig config = IngestConfigs.config(Map.of());
        assertThat(config.getValue("colorize.ingest.webhook.poll-interval", Duration.class)).hasSeconds(1);
        assertThat(IngestConfigs.config(Map.of("colorize.ingest.webhook.poll-interval", "200ms"))
                .getValue("colorize.ingest.webhook.poll-interval", Duration.class)).hasMillis(200);
        // so do the deadline and the webhook pruning jobs
        assertThat(config.getValue("colorize.ingest.deadline.poll-interval", Duration.class)).hasMinutes(1);
        assertThat(config.getValue("colorize.ingest.webhook.prune-interval", Duration.class)).hasHours(1);
    }

    @Test
    void applicationPropertiesRestatesNoDefault() throws IOException {
        Properties file = new Properties();
        try (InputStream in = IngestConfig.class.getResourceAsStream("/application.properties")) {
            file.load(in);
        }
        SmallRyeConfig defaults = IngestConfigs.config(Map.of());
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith("colorize.ingest.")) {
                assertThat(file.getProperty(key)).as(key + " is the mapping's default; leave it to IngestConfig")
                        .isNotEqualTo(defaults.getRawValue(key));
            }
        }
    }
}
