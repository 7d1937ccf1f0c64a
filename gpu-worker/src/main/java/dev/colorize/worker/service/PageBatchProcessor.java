package dev.colorize.worker.service;

import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.metrics.WorkerMetrics;
import dev.colorize.worker.model.ModelCatalog;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs batches of jobs through the page stages, overlapping batches: count the attempts ({@link AttemptCounter}),
 * read and check each page and decide whether it is colored ({@link PageReader}, {@link PassThroughDecision}; I/O
 * threads, in parallel; as many pages decoded at once as the in-flight pixel cap allows), one forward pass per model
 * ({@link PageColoring}; the model thread, one batch after another in submission order), encode and store the results
 * ({@link OutputEncoder}, {@link ResultWriter}; I/O threads), then publish one result or dead letter per job
 * ({@link OutcomeSender}; in submission order) and wait until every one is durable. So batch N+1 is read while
 * batch N is in its forward pass, and batch N is written and published while batch N+1 is.
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
    /** Where the last submitted batch is: the next batch's stages follow it. Submitter only. */
    private Tails last = Tails.NONE;

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
        this.coloring = new PageColoring(catalog, metrics, new SeriesReferences(store, config.maxPagePixels()));
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
        Tails before = last;
        Tails mine = Tails.pending();
        last = mine;
        inFlightPixels.readingBatch();
        mine.read.whenComplete((v, e) -> inFlightPixels.batchRead());
        return CompletableFuture.supplyAsync(() -> attempts.count(pages), io)
                .thenCompose(takenBefore -> takenBefore ? oneByOne(pages, before, start)
                        : together(pages, before, mine, start).whenComplete((v, e) -> attempts.settle(pages, e)))
                .whenComplete((v, e) -> {
                    pages.forEach(PageWork::release); // a failed batch's images, at once
                    pages.forEach(this::releasePixels);
                    mine.read.complete(null);
                    mine.forward.complete(null);
                    mine.sent.complete(null);
                    before.durable.thenRun(() -> mine.durable.complete(null));
                });
    }

    /**
     * Every page through the stages: all sized first (store reads and headers, nothing decoded), then decoded in
     * waves of as many pages as fit in the in-flight cap ({@link InFlightPixels#fitting}; all of them unless they are
     * large), each wave's forward pass after the one before (the batch before's for the first), its results sent
     * after that one's. Completes {@code mine}'s tails as its last wave gets there.
     */
    private CompletableFuture<Void> together(List<PageWork<O>> pages, Tails before, Tails mine, long start) {
        return parallel(pages, reader::size).thenCompose(v -> wave(pages, before, mine, start));
    }

    /** The pages that fit now through the stages; the others, as the next wave, once this one's images are released. */
    private CompletableFuture<Void> wave(List<PageWork<O>> pages, Tails before, Tails mine, long start) {
        int fit = inFlightPixels.fitting(pages.stream().mapToLong(p -> p.pending() ? p.pixels : 0).toArray());
        List<PageWork<O>> now = pages.subList(0, fit);
        List<PageWork<O>> later = pages.subList(fit, pages.size());
        Tails these = later.isEmpty() ? mine : Tails.pending();
        CompletableFuture<Void> read = parallel(now, this::decode).whenComplete((v, e) -> these.read.complete(null));
        CompletableFuture<Void> forward = read.runAfterBoth(before.forward, () -> { })
                .thenRunAsync(() -> coloring.color(now), modelThread)
                .whenComplete((v, e) -> these.forward.complete(null));
        CompletableFuture<Void> written = forward.thenCompose(v -> parallel(now, writer::write))
                .whenComplete((v, e) -> now.forEach(this::releasePixels)); // their images are released by now
        CompletableFuture<List<CompletableFuture<?>>> sent = written.runAfterBoth(before.sent, () -> { })
                .thenApply(v -> sender.send(now, start))
                .whenComplete((v, e) -> these.sent.complete(null));
        CompletableFuture<Void> durable = sent.thenCompose(acks -> sender.awaitAcks(now, acks, start));
        if (later.isEmpty()) {
            return durable;
        }
        return written.thenCompose(v -> wave(later, these, mine, start)).thenCombine(durable, (x, y) -> null);
    }

    /**
     * A batch taken again after its worker failed or died (a page's count is above one): the pages one at a time,
     * each counted alone and made durable before the next is counted, once every batch before is durable, and none
     * taken after it until it ends (it is read until then). So a page that stops the worker again is the only one
     * charged, not the pages of any chapter that were batched with it.
     */
    private CompletableFuture<Void> oneByOne(List<PageWork<O>> pages, Tails before, long start) {
        PageWork<O> first = pages.stream().filter(PageWork::pending).findFirst().orElse(null);
        // the first page keeps the attempt just counted (taking it back and again would show a count that is not)
        attempts.giveBack(pages.stream().filter(p -> p != first).toList());
        CompletableFuture<Void> previous = before.durable;
        for (PageWork<O> page : pages) {
            previous = previous.thenComposeAsync(v -> alone(page, page != first, start), io);
        }
        return previous;
    }

    private CompletableFuture<Void> alone(PageWork<O> page, boolean count, long start) {
        List<PageWork<O>> one = List.of(page);
        if (count && page.pending()) {
            attempts.count(one);
        }
        return together(one, Tails.NONE, Tails.pending(), start).handleAsync((v, e) -> {
            attempts.settleNow(one, e); // before the next page is counted
            if (e != null) {
                throw e instanceof CompletionException c ? c : new CompletionException(e);
            }
            return null;
        }, io);
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

    /** Stages 1 (decoding, once sized) and 2 of one page, on an I/O thread. */
    private void decode(PageWork<O> page) {
        byte[] uploaded = reader.decode(page);
        if (uploaded != null) {
            passThrough.decide(page, uploaded);
        }
    }

    private void releasePixels(PageWork<O> page) {
        inFlightPixels.release(page.heldPixels);
        page.heldPixels = 0;
    }

    private CompletableFuture<Void> parallel(List<PageWork<O>> pages, Consumer<PageWork<O>> step) {
        return CompletableFuture.allOf(pages.stream().filter(PageWork::pending)
                .map(p -> CompletableFuture.runAsync(() -> step.accept(p), io))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Where a submitted batch is, for the one after it: its pages are read, its forward passes done, its results sent,
     * it and every batch before it durable. Completed normally whatever the outcome: the next batch only waits on them.
     */
    private record Tails(CompletableFuture<Void> read, CompletableFuture<Void> forward, CompletableFuture<Void> sent,
            CompletableFuture<Void> durable) {

        static final Tails NONE = new Tails(CompletableFuture.completedFuture(null),
                CompletableFuture.completedFuture(null), CompletableFuture.completedFuture(null),
                CompletableFuture.completedFuture(null));

        static Tails pending() {
            return new Tails(new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>(),
                    new CompletableFuture<>());
        }
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
