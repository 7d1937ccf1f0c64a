package dev.colorize.worker.config;

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

    /** Pages above this many pixels fail at once, with a clear reason, rather than exhaust memory. */
    @WithDefault("100000000")
    long maxPagePixels();

    /** Quality of JPEG results (0-100); PNG results are lossless. */
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
         * Kafka's max.poll.interval.ms. A batch takes about max-batch x inference time (CPU ~0.2 s/page at
         * 256x256) plus at most 3 x the retry backoff; the worker refuses to start when the backoff alone
         * exceeds half of this.
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
    }

    interface Retry {
        /** Tries of one object store call before the job goes to the dead-letter topic with the error. */
        @WithDefault("4")
        int attempts();

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
    }

    default ColorizerOptions colorizerOptions() {
        return new ColorizerOptions(model().device(), model().threads(), jobs().maxBatch(), model().dropoutNoise());
    }
}
