package dev.colorize.ingest.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** The ingest settings as the service would read them, defaults plus the given properties, for plain unit tests. */
public final class IngestConfigs {

    private IngestConfigs() {
    }

    public static IngestConfig of(Map<String, String> properties) {
        return config(properties).getConfigMapping(IngestConfig.class);
    }

    /** The whole configuration, for what reads settings by name (such as a @Scheduled expression). */
    public static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }
}
