package dev.colorize.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Every setting of the trainer; documented in application.properties. */
@ConfigMapping(prefix = "colorize.trainer")
public interface TrainerConfig {

    /** An admin key that works without an api_keys row, so the trainer also runs standalone. */
    Optional<String> adminKey();

    /** Where runs download datasets and keep checkpoints before they go to the object store. */
    Path workDir();

    Runs runs();

    Schedule schedule();

    Promotion promotion();

    @WithName("import")
    Import imports();

    Relay relay();

    DefaultModel defaultModel();

    interface DefaultModel {
        /** Register and promote the model shipped in the jar when the registry is empty. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Runs {
        /** Steps between checkpoints (uploaded to the object store, with a sample sheet). */
        @WithDefault("200")
        int checkpointEvery();

        /** Validation images shown as sketch | output | truth rows in each sample sheet. */
        @WithDefault("4")
        int samples();

        /** How often an idle trainer looks for queued or interrupted runs ("off" disables). */
        String pollEvery();

        /** Steps of a run when the request names none. */
        @WithDefault("20000")
        long defaultSteps();
    }

    interface Schedule {
        /** Quartz-style cron of scheduled runs ("off" disables). */
        String cron();

        /** Dataset the scheduled runs train on; no scheduled run without it. */
        Optional<String> dataset();

        @WithDefault("20000")
        long steps();

        /** Wall-clock training budget of a scheduled run, whichever of steps and budget ends first. */
        Optional<Duration> timeBudget();

        /** Start from the production generator instead of from scratch. */
        @WithDefault("true")
        boolean fineTune();
    }

    interface Promotion {
        /** Refuse (unless forced) a version whose validation L1 exceeds production's by more than this. */
        @WithDefault("0.005")
        double maxL1Regression();
    }

    interface Import {
        /** Images whose shorter side is smaller are skipped. */
        @WithDefault("128")
        int minSide();

        /** Share of non-background pixels below which an image counts as mostly empty. */
        @WithDefault("0.05")
        double minContentFraction();

        /** Mean HSV saturation (0-1) of the drawn pixels below which an image counts as nearly colorless. */
        @WithDefault("0.15")
        double minSaturation();
    }

    interface Relay {
        /** How often the relay looks for events nobody woke it up for (e.g. after Kafka was down). */
        @WithDefault("5s")
        Duration every();

        /** Outbox rows per Kafka batch. */
        @WithDefault("100")
        int batchSize();
    }
}
