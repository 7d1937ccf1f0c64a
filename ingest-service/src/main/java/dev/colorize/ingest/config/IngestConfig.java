package dev.colorize.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the ingest service (colorize.ingest.*), each with its default: application.properties
 * names only what differs (environment variables, the test profile). Quarkus maps a.b-c to the environment
 * variable A_B_C.
 */
@ConfigMapping(prefix = "colorize.ingest")
public interface IngestConfig {

    /**
     * Admin API key installed (hashed) on start so a fresh install has a way in; at least 16 characters.
     * Changing it revokes the previously configured key. Unset: only admin keys already in the database work.
     */
    Optional<String> adminKey();

    Upload upload();

    Outbox outbox();

    Results results();

    Webhook webhook();

    Deadline deadline();

    /** How long presigned result URLs stay valid. */
    @WithDefault("15m")
    Duration presignedUrlValidity();

    /** How often a server-sent event stream looks at its chapter's progress (one look serves every stream of it). */
    @WithDefault("500ms")
    Duration eventsPollInterval();

    Events events();

    /** Recolors of finished pages. */
    Recolor recolor();

    /** Series references: reference art whose colors the pages of a series follow. */
    References references();

    /**
     * A series' references. Each image is judged as a page is (colorize.ingest.upload.max-page-bytes, max-page-pixels,
     * max-page-aspect, its header and container checked without decoding).
     */
    interface References {
        /** References one series may have; one more is refused (409 {@code too-many-references}) until one is deleted. */
        @WithDefault("20")
        int maxPerSeries();

        /**
         * How far the line art's aspect (width/height) may be from its colored image's, relative (0.02 = 2%): line art
         * of another picture would match the colors to the wrong regions.
         */
        @WithDefault("0.02")
        double aspectTolerance();
    }

    interface Recolor {
        /** Revisions one page may have (the upload's not counted): each keeps its objects until the chapter goes. */
        @WithDefault("50")
        int maxRevisions();

        /** Recolors of one page queued at once; more are refused (429) until one finishes. */
        @WithDefault("8")
        int maxPendingPerPage();
    }

    /** Server-sent progress streams: each holds a connection and a share of a database poll while open. */
    interface Events {
        /** Streams one publisher may have open at once; one more is 429 {@code too-many-streams}. */
        @WithDefault("16")
        int maxStreamsPerPublisher();

        /** Streams open at once on this replica, all publishers together; one more is 503 {@code streams-exhausted}. */
        @WithDefault("512")
        int maxStreams();
    }

    /** Upload limits: they guard against decompression and zip bombs as much as against big chapters. */
    interface Upload {
        /**
         * Bytes of one page image (32 MiB). A page may also take no more than its header's pixels allow
         * (2 x its decoded bytes + 1 MiB of metadata, {@code PageLimits}), so a small page cannot bring this much.
         */
        @WithDefault("33554432")
        long maxPageBytes();

        /** Pixels of one page as its header declares them: a decompression bomb is refused before decoding. */
        @WithDefault("100000000")
        long maxPagePixels();

        /**
         * How many times longer than wide (or wide than long) a page may be. The worker colors a strip in tiles whose
         * count and memory grow with the aspect, not the pixels (100x1,000,000 took a worker to 22 GB); 200 keeps a
         * strip's tiling near 250 MB and lets through webtoon strips (800x12000 is 15) and whole episodes.
         */
        @WithDefault("200")
        int maxPageAspect();

        /** Pages of one chapter. */
        @WithDefault("500")
        int maxPages();

        /** Bytes of an uploaded CBZ/ZIP (512 MiB); quarkus.http.limits.max-body-size bounds the request above it. */
        @WithDefault("536870912")
        long maxArchiveBytes();

        /** Entries of an archive, pages or not. */
        @WithDefault("2000")
        int maxArchiveEntries();

        /**
         * Bytes of an archive's central directory (4 MiB: 2000 entries with names and extras of 2 KiB each), judged from
         * its end record before the archive is opened: opening reads the whole directory into the heap, and entry
         * comments can make it hundreds of MB.
         */
        @WithDefault("4194304")
        long maxArchiveDirectoryBytes();

        /**
         * Bytes of an archive's entries once inflated, all together (1 GiB), counted as they inflate. Inflated
         * pages go to disk beside the spooled request, never into memory: this bounds an archive upload's disk use.
         */
        @WithDefault("1073741824")
        long maxArchiveUncompressedBytes();

        /**
         * Bytes of the upload spool disk all uploads in work on this replica may hold at once (2 GiB, half the pod's 4 GiB
         * /tmp emptyDir: the other half takes request bodies still being received, which Quarkus spools before the
         * service sees them): page parts and archives as Quarkus spooled them, and archive entries as they inflate. An
         * upload that would pass it is refused 503 {@code spool-full} with Retry-After; one maximal archive upload
         * (max-archive-bytes + max-archive-uncompressed-bytes, 1.5 GiB) fits.
         */
        @WithDefault("2147483648")
        long spoolBudgetBytes();

        /** Parallel object store writes per upload: S3 latency, not bandwidth, bounds an upload. */
        @WithDefault("8")
        int storeParallelism();

        /** Color hints, beside pages or for a recolor. */
        Hints hints();
    }

    /** What a page's color hints may be: a hint image is judged as a page is (size, pixels), and more. */
    interface Hints {
        /** Points of one page's JSON hints. */
        @WithDefault("1000")
        int maxPoints();

        /** Bytes of one page's JSON hints (1 MiB), read from the request no further. */
        @WithDefault("1048576")
        long maxJsonBytes();

        /**
         * Bytes of a series palette's JSON (256 KiB: its 500 entries with names of 100 characters fit), read from the
         * request no further.
         */
        @WithDefault("262144")
        long maxPaletteBytes();

        /** Largest radius of a hint point, in page pixels; a point without one gets {@code default-radius}. */
        @WithDefault("200")
        double maxRadius();

        /** Radius of a hint point that gives none, in page pixels: a dot that stays inside a small region. */
        @WithDefault("4")
        double defaultRadius();

        /**
         * How far a hint image's aspect (width/height) may be from its page's, relative (0.02 = 2%): a hint image
         * of another aspect would put its dots beside the regions meant.
         */
        @WithDefault("0.02")
        double aspectTolerance();
    }

    /** No chapter waits forever: pages still unfinished this long after the upload are failed. */
    interface Deadline {
        /** Time from upload after which a chapter's unfinished pages fail with "deadline exceeded". */
        @WithDefault("6h")
        Duration after();

        /** How often chapters past their deadline are looked for. */
        @WithDefault("1m")
        Duration pollInterval();
    }

    /** The outbox relay's settings; application.properties hands them to common-service's OutboxRelayProducer. */
    interface Outbox {
        /** Rows the relay sends to Kafka in one batch. */
        @WithDefault("500")
        int batchSize();

        /** How often the relay looks for rows nobody woke it up for (e.g. after Kafka was down). */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long published outbox rows are kept (unpublished ones stay until they are sent). */
        @WithDefault("7d")
        Duration retention();
    }

    interface Results {
        /** Consumer group of the results consumer. */
        @WithDefault("ingest-service")
        String consumerGroup();
    }

    interface Webhook {
        /**
         * Delay before each attempt (Svix-like): the first counts from the chapter's final state, each next one
         * from the failed attempt before it; after the last the delivery has failed.
         */
        @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
        List<Duration> retrySchedule();

        /**
         * Deadline of one attempt as a whole: connecting, the response headers and at most 4 KiB of the body.
         * A receiver still busy (or stalling) at the deadline has failed the attempt.
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

        /** Delivered (succeeded) webhooks and their attempts are deleted this long after delivery. */
        @WithDefault("30d")
        Duration retention();

        /** How often delivered webhooks past the retention are deleted. */
        @WithDefault("1h")
        Duration pruneInterval();

        /** How long the previous secret keeps signing after a rotation. */
        @WithDefault("24h")
        Duration secretRotationOverlap();

        /**
         * CIDRs or host names webhooks may reach although they are private, loopback or link-local, e.g.
         * 127.0.0.0/8,10.0.0.0/8,hooks.internal for local runs. Unset: only public addresses.
         */
        Optional<List<String>> ssrfAllow();
    }
}
