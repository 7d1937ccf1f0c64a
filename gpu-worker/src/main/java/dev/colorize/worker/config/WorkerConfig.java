package dev.colorize.worker.config;

import dev.colorize.platform.messaging.Topics;
import dev.colorize.ml.infer.ColorizerOptions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of the GPU worker; documented in application.properties. */
@ConfigMapping(prefix = "colorize.worker")
public interface WorkerConfig {

    /** Names this instance in results and logs. */
    String id();

    /** The model alias this worker serves. */
    @WithDefault("production")
    String alias();

    Jobs jobs();

    Retry retry();

    Model model();

    /** Pages above this many pixels fail at once rather than exhaust memory. */
    @WithDefault("100000000")
    long maxPagePixels();

    @WithDefault("95")
    int jpegQuality();

    interface Jobs {
        @WithDefault(Topics.JOBS)
        String topic();

        /** One group for all workers: adding a worker adds throughput. */
        @WithDefault("colorize-workers")
        String group();

        /** Pages per forward pass, and the most records one poll returns. */
        @WithDefault("8")
        int maxBatch();

        /** How long a batch waits for more jobs after its first one arrived. */
        @WithDefault("50ms")
        Duration maxQueueDelay();

        /** Kafka's max.poll.interval.ms: a batch plus its retries must finish well inside it. */
        @WithDefault("5m")
        Duration maxPollInterval();

        /** Sketch reads and result writes in flight at once. */
        @WithDefault("8")
        int ioParallelism();

        /**
         * Batches in flight at once: one read while another is in its forward pass and a third is
         * written and published. 1 runs the stages of one batch after another.
         */
        @WithDefault("3")
        int pipelineDepth();
    }

    interface Retry {
        /** Tries of one object store call before the job goes to the dead-letter topic. */
        @WithDefault("4")
        int attempts();

        /** Backoff before the second try; doubled each time up to max-backoff. */
        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("8s")
        Duration maxBackoff();
    }

    interface Model {
        /** cpu, gpu or auto. */
        @WithDefault("cpu")
        String device();

        /** PyTorch intra-op threads; 0 keeps the engine's default (one per core). */
        @WithDefault("0")
        int threads();

        /** Pinned versions kept loaded besides the served one. */
        @WithDefault("2")
        int pinnedCacheSize();

        /** While no model is loaded, how often the registry is asked again (promotion events cover the rest). */
        @WithDefault("30s")
        Duration registryRecheck();

        /** The paper's test-time noise: decoder dropout stays on at inference. */
        @WithDefault("false")
        boolean dropoutNoise();
    }

    default ColorizerOptions colorizerOptions() {
        return new ColorizerOptions(model().device(), model().threads(), jobs().maxBatch(), model().dropoutNoise());
    }
}
