package dev.colorize.worker.service;

import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.metrics.WorkerMetrics;
import dev.colorize.worker.model.ModelCatalog;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs batches of jobs through the page stages, overlapping batches: count the attempts ({@link AttemptCounter}),
 * read and check each page and decide whether it is colored ({@link PageReader}, {@link PassThroughDecision}; I/O
 * threads, in parallel), one forward pass per model ({@link PageColoring}; the model thread, one batch after
 * another in submission order), encode and store the results ({@link OutputEncoder}, {@link ResultWriter}; I/O
 * threads), then publish one result or dead letter per job ({@link OutcomeSender}; in submission order) and wait
 * until every one is durable. So batch N+1 is read while batch N is in its forward pass, and batch N is written and
 * published while batch N+1 is.
 *
 * <p>Models are used, switched and closed only on the model thread: a promotion takes over between two
 * forward passes, never within a batch.
 *
 * @param <O> where a job came from: opaque here, handed back to {@link DeadLetters}
 */
public final class PageBatchProcessor<O> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PageBatchProcessor.class);

    private final String workerId;
    private final ModelCatalog catalog;
    private final InFlightPixels inFlightPixels;
    private final ExecutorService io;
    private final ExecutorService modelThread;
    private final AttemptCounter attempts;
    private final PageReader reader;
    private final PassThroughDecision passThrough;
    private final PageColoring coloring;
    private final ResultWriter writer;
    private final OutcomeSender<O> sender;
    /** The last submitted batch's forward passes and result sends: the next batch's follow them. Submitter only. */
    private CompletableFuture<Void> lastForward = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> lastSent = CompletableFuture.completedFuture(null);

    public PageBatchProcessor(String workerId, WorkerConfig config, PageStore store, ModelCatalog catalog,
            PageResults results, DeadLetters<O> deadLetters, PageAttempts attempts, WorkerMetrics metrics) {
        this.workerId = workerId;
        this.catalog = catalog;
        this.inFlightPixels = new InFlightPixels(config.jobs().maxInFlightPixels());
        this.io = Executors.newFixedThreadPool(config.jobs().ioParallelism(), r -> daemon(r, workerId + "-io"));
        this.modelThread = Executors.newSingleThreadExecutor(r -> daemon(r, workerId + "-model"));
        this.attempts = new AttemptCounter(attempts, config.jobs().maxAttempts(), io);
        this.reader = new PageReader(store, config.maxPagePixels(), config.maxPageAspect(), inFlightPixels);
        this.passThrough = new PassThroughDecision(config.colorPages().skip() ? config.colorPages().rule() : null);
        this.coloring = new PageColoring(catalog, metrics);
        this.writer = new ResultWriter(new OutputEncoder(new PageEncoder(config.jpegQuality())), store);
        this.sender = new OutcomeSender<>(workerId, results, deadLetters, metrics);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts a batch through the stages and returns at once (call from one thread only). The future
     * completes when every result and dead letter of the batch is durable, or exceptionally (e.g.
     * {@link BatchAbortedException}) when the batch is not durable and must be redone.
     */
    public CompletableFuture<Void> submit(List<ReceivedJob<O>> jobs) {
        long start = System.nanoTime();
        List<PageWork<O>> pages = jobs.stream().map(PageWork::new).toList();
        inFlightPixels.readingBatch();
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> attempts.count(pages), io)
                .thenCompose(v -> parallel(pages, this::read))
                .whenComplete((v, e) -> inFlightPixels.batchRead());
        CompletableFuture<Void> forward = read.runAfterBoth(lastForward.exceptionally(e -> null), () -> { })
                .thenRunAsync(() -> coloring.color(pages), modelThread);
        lastForward = forward;
        CompletableFuture<Void> written = forward.thenCompose(v -> parallel(pages, writer::write));
        CompletableFuture<List<CompletableFuture<?>>> sent = written
                .runAfterBoth(lastSent.exceptionally(e -> null), () -> { })
                .thenApply(v -> sender.send(pages, start));
        lastSent = sent.thenApply(acks -> null);
        return sent.thenCompose(acks -> sender.awaitAcks(pages, acks, start))
                .whenComplete((v, e) -> {
                    pages.forEach(PageWork::release); // a failed batch's images, at once
                    pages.forEach(p -> inFlightPixels.release(p.pixels));
                    attempts.settle(pages, e);
                });
    }

    /** Whether the job loop may hand in another batch: pixels in flight are below the cap and known. */
    public InFlightPixels inFlightPixels() {
        return inFlightPixels;
    }

    /** Lets a promoted model take over while no batch is in flight; runs on the model thread. */
    public void switchModelIfIdle() {
        modelThread.execute(() -> {
            try {
                catalog.serving();
            } catch (RuntimeException e) {
                LOG.warnf("Could not switch models: %s", e.getMessage());
            }
        });
    }

    /** Stages 1 and 2 of one page, on an I/O thread. */
    private void read(PageWork<O> page) {
        byte[] uploaded = reader.read(page);
        if (uploaded != null) {
            passThrough.decide(page, uploaded);
        }
    }

    private CompletableFuture<Void> parallel(List<PageWork<O>> pages, Consumer<PageWork<O>> step) {
        return CompletableFuture.allOf(pages.stream().filter(PageWork::pending)
                .map(p -> CompletableFuture.runAsync(() -> step.accept(p), io))
                .toArray(CompletableFuture[]::new));
    }

    /** Stops the stages; waits for a forward pass under way, so its model is not closed beneath it. */
    @Override
    public void close() {
        io.shutdownNow();
        modelThread.shutdownNow();
        try {
            if (!modelThread.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warnf("The model thread of %s is still busy after 60 s", workerId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
