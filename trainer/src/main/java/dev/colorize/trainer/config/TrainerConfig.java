package dev.colorize.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the trainer with its default; application.properties only overrides them (tests) and
 * any can be set by environment variable (colorize.trainer.work-dir is COLORIZE_TRAINER_WORK_DIR).
 */
@ConfigMapping(prefix = "colorize.trainer")
public interface TrainerConfig {

    /**
     * An admin key (Authorization: Bearer) that works without an api_keys row, so the trainer also runs
     * standalone; audits name its user "bootstrap-admin".
     */
    Optional<String> adminKey();

    /** Local scratch space of runs: dataset snapshots, checkpoints and artifacts before their upload. */
    @WithDefault("${java.io.tmpdir}/colorize-trainer")
    Path workDir();

    Runs runs();

    Schedule schedule();

    Promotion promotion();

    @WithName("import")
    Import imports();

    Relay relay();

    DefaultModel defaultModel();

    RegionMetric regionMetric();

    interface RegionMetric {
        /**
         * An import-openmoji folder (the trainer's {@code import-openmoji} command): each model a run registers gets
         * its region metric ({@code region-metric.json}, how pages follow a series' references) fitted on the folder's
         * training chapters, about a minute on 2 cores. Unset: registered models match references by hand-set scales,
         * about 0.5 dB worse on a character's recurring parts (docs/QUALITY.md).
         */
        Optional<Path> dataset();
    }

    interface DefaultModel {
        /**
         * Register the model shipped with the project (models/default) as version 1 in production when the
         * registry has no version at all, so pages are colored well without training first; a release that ships
         * other weights registers them once and promotes them where production is still an earlier shipped model.
         */
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
        @WithDefault("30s")
        String pollEvery();

        /** Steps of a run when the request names none. */
        @WithDefault("20000")
        long defaultSteps();

        /**
         * Starts of a run after which one its trainer did not finish (killed, out of memory) is failed
         * instead of resumed again: a run that kills its trainer would otherwise do so forever. A graceful
         * stop (SIGTERM) does not count.
         */
        @WithDefault("3")
        int maxAttempts();
    }

    interface Schedule {
        /**
         * Quartz cron of scheduled runs (second minute hour day month weekday; "off" disables): nightly at
         * 02:00.
         */
        @WithDefault("0 0 2 * * ?")
        String cron();

        /** Dataset the scheduled runs train on; without it the schedule only logs that it skipped. */
        Optional<String> dataset();

        @WithDefault("20000")
        long steps();

        /**
         * Training-time budget of a scheduled run (ISO-8601 or 6h style); the run ends at its steps or its
         * budget, whichever comes first.
         */
        @WithDefault("6h")
        Optional<Duration> timeBudget();

        /** Start from the production generator instead of from scratch. */
        @WithDefault("true")
        boolean fineTune();
    }

    interface Promotion {
        /**
         * Refuse (unless forced with a reason) a version whose validation L1 exceeds production's by more
         * than this (L1 on RGB in [0, 1]).
         */
        @WithDefault("0.005")
        double maxL1Regression();
    }

    /** The clip-art filter of import-openclipart and import-folder --filter. */
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

    /** The outbox relay's settings; application.properties hands them to common-service's OutboxRelayProducer. */
    interface Relay {
        /** How often the relay looks for events nobody woke it up for (e.g. after Kafka was down). */
        @WithDefault("5s")
        Duration every();

        /** Outbox rows per Kafka batch. */
        @WithDefault("100")
        int batchSize();

        /** How long published outbox rows are kept (unpublished ones stay until they are sent). */
        @WithDefault("7d")
        Duration retention();
    }
}
