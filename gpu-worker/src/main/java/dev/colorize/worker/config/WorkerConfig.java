package dev.colorize.worker.config;

import dev.colorize.ml.infer.ColorPageRule;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.model.ModelAliases;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Every setting of the GPU worker, with its default. Each key can also be set by environment variable
 * (Quarkus maps colorize.worker.jobs.max-batch to COLORIZE_WORKER_JOBS_MAX_BATCH); application.properties
 * holds only what differs (the id's env mapping, the tests' short waits).
 */
@ConfigMapping(prefix = "colorize.worker")
public interface WorkerConfig {

    /** Names this instance in results, dead-letter headers, logs and Kafka client ids. */
    String id();

    /** The model alias served ({@link ModelAliases}); jobs pinning a version use that version instead. */
    @WithDefault(ModelAliases.PRODUCTION)
    String alias();

    Jobs jobs();

    Retry retry();

    Model model();

    ColorPages colorPages();

    /** Pages above this many pixels fail at once, with a clear reason, rather than exhaust memory. */
    @WithDefault("100000000")
    long maxPagePixels();

    /**
     * Pages more than this many times longer than wide (or the reverse) fail at once, from their header: a strip is
     * colored in tiles whose count and memory grow with its aspect, not its pixels (100x1,000,000 took 22 GB). The
     * ingest service refuses them at upload (its upload.max-page-aspect); this catches jobs queued before.
     */
    @WithDefault("200")
    int maxPageAspect();

    /** Quality of JPEG and WebP results (1-100) when the chapter sets none; PNG results are lossless. */
    @WithDefault("95")
    int jpegQuality();

    interface Jobs {
        /** Where the ingest service's jobs arrive. */
        @WithDefault(Topics.JOBS)
        String topic();

        /** One group for all workers: adding a worker adds throughput. */
        @WithDefault("colorize-workers")
        String group();

        /**
         * Dynamic batching: a batch closes at max-batch jobs or max-queue-delay after its first job.
         * Also max.poll.records and the forward pass's batch size.
         */
        @WithDefault("8")
        int maxBatch();

        /** How long a batch waits for more jobs after its first one arrived. */
        @WithDefault("50ms")
        Duration maxQueueDelay();

        /**
         * Kafka's max.poll.interval.ms. The loop keeps polling while batches are in flight (however long their
         * store retries take); only a rewind or a rebalance waits for them without polling, at most half of this.
         */
        @WithDefault("5m")
        Duration maxPollInterval();

        /** Sketch reads and result writes in flight at once. */
        @WithDefault("8")
        int ioParallelism();

        /**
         * Batches in flight at once: one read while another is in its forward pass and a third is
         * written and published. Offsets are still committed in order, each only once its result is
         * acknowledged. 1 runs the stages of one batch after another.
         */
        @WithDefault("3")
        int pipelineDepth();

        /**
         * Pixels of pages in flight at once (read, colored or being written), read from each page's header
         * before it is decoded; the loop takes no further batch while this is reached or a batch is still being
         * read, and a batch decodes at once only the pages that fit, so at most one page goes past it. A pixel costs up to ~24 bytes of native memory
         * on its way (8-bit sketch and result, the model's float tensors): 160 M fits the 8 GiB limit with the
         * model and the JVM.
         */
        @WithDefault("160000000")
        long maxInFlightPixels();

        /**
         * Times a page may be taken without reaching an outcome (its worker failed on it or died) before it is
         * given up: dead-lettered and reported FAILED, not handed to the next worker again. Counted in PostgreSQL.
         */
        @WithDefault("3")
        int maxAttempts();
    }

    /**
     * Pages already in color (a color cover, a color spread) are passed through unchanged and reported SKIPPED
     * rather than colored again, unless their job forces coloring. The rule ({@link ColorPageRule}): a page is
     * color when at least min-colored-share of its pixels have a CIELAB chroma, relative to the paper's tint, above
     * chroma-threshold. The defaults separate OpenMoji color drawings from their line art, clean or scanned
     * poorly (docs/QUALITY.md, "Pages already in color").
     */
    interface ColorPages {
        /** Pass pages already in color through; false colors every page. */
        @WithDefault("true")
        boolean skip();

        /** CIELAB chroma (a*, b* distance to the paper) above which a pixel counts as colored. */
        @WithDefault("15")
        double chromaThreshold();

        /** Share of colored pixels (0-1) from which a page is already in color. */
        @WithDefault("0.02")
        double minColoredShare();

        default ColorPageRule rule() {
            return new ColorPageRule(chromaThreshold(), minColoredShare());
        }
    }

    interface Retry {
        /**
         * How long one object store call is retried through transient faults (unreachable, overloaded) before
         * its page is dead-lettered and reported FAILED: long enough to ride out a store restart.
         */
        @WithDefault("5m")
        Duration giveUpAfter();

        /** Backoff before the second try; doubled each time up to max-backoff. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest backoff between two tries. */
        @WithDefault("8s")
        Duration maxBackoff();
    }

    interface Model {
        /** cpu, gpu or auto (the -Pgpu build carries the CUDA native library). */
        @WithDefault("cpu")
        String device();

        /** PyTorch intra-op threads; 0 keeps the engine's default (one per core). */
        @WithDefault("0")
        int threads();

        /** Pinned versions kept loaded besides the served one (LRU). */
        @WithDefault("2")
        int pinnedCacheSize();

        /** While no model is loaded, how often the registry is asked again (promotion events cover the rest). */
        @WithDefault("30s")
        Duration registryRecheck();

        /** The paper's test-time noise: decoder dropout stays on at inference; off gives deterministic pages. */
        @WithDefault("false")
        boolean dropoutNoise();

        /**
         * Region flats: each region of the line art one voted color, hints filling their regions, flats under the
         * lines (docs/QUALITY.md); false keeps the network's per-pixel flats (filling only hinted regions).
         */
        @WithDefault("true")
        boolean regionFlats();

        /**
         * A panel whose drawing would show at least this many times larger cropped to its ink is colored cropped
         * at the model's resolution (a small figure in a large panel); 0 colors panels whole (docs/QUALITY.md).
         */
        @WithDefault("" + ColorizerOptions.CONTENT_ZOOM)
        double contentZoom();
    }

    default ColorizerOptions colorizerOptions() {
        return new ColorizerOptions(model().device(), model().threads(), jobs().maxBatch(), model().dropoutNoise())
                .withFlatFill(model().regionFlats()).withContentZoom(model().contentZoom());
    }
}
