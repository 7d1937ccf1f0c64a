package dev.colorize.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the ingest service; documented in application.properties. */
@ConfigMapping(prefix = "colorize.ingest")
public interface IngestConfig {

    /** Hashed into api_keys on start so a fresh install has a way in. */
    Optional<String> adminKey();

    Upload upload();

    Outbox outbox();

    Results results();

    Webhook webhook();

    /** How long presigned result URLs stay valid. */
    @WithDefault("15m")
    Duration presignedUrlValidity();

    /** How often a server-sent event stream looks at its chapter's progress. */
    @WithDefault("500ms")
    Duration eventsPollInterval();

    interface Upload {
        @WithDefault("33554432")
        long maxPageBytes();

        @WithDefault("100000000")
        long maxPagePixels();

        @WithDefault("500")
        int maxPages();

        @WithDefault("536870912")
        long maxArchiveBytes();

        @WithDefault("2000")
        int maxArchiveEntries();

        @WithDefault("1073741824")
        long maxArchiveUncompressedBytes();

        /** Parallel object store writes per upload. */
        @WithDefault("8")
        int storeParallelism();
    }

    interface Outbox {
        @WithDefault("500")
        int batchSize();

        /** How often the relay looks for rows nobody woke it up for (e.g. after Kafka was down). */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Results {
        @WithDefault("ingest-service")
        String consumerGroup();
    }

    interface Webhook {
        /** Delay before each attempt: the first is the delay after the final state, each next one after a failure. */
        @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
        List<Duration> retrySchedule();

        /**
         * Deadline of one attempt as a whole: connecting, the response headers and the first few KiB of the
         * body. A receiver still busy at the deadline has failed the attempt.
         */
        @WithDefault("10s")
        Duration timeout();

        /** Attempts in flight at once, so that slow receivers hold at most this many senders. */
        @WithDefault("8")
        int concurrency();

        /** How often due deliveries are looked for. */
        @WithDefault("1s")
        Duration pollInterval();

        /** A claimed delivery is retried after this if the service died while sending it; above twice the timeout. */
        @WithDefault("2m")
        Duration claimLease();

        /** How long the previous secret keeps signing after a rotation. */
        @WithDefault("24h")
        Duration secretRotationOverlap();

        /** CIDRs (127.0.0.0/8) or host names webhooks may reach although they are private, loopback or link-local. */
        Optional<List<String>> ssrfAllow();
    }
}
