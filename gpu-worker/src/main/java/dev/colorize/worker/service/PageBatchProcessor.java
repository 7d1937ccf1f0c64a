package dev.colorize.worker.service;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenRaster;
import dev.colorize.ml.data.PhotoshopDocument;
import dev.colorize.ml.data.UndecodableImageException;
import dev.colorize.ml.infer.ColorPageRule;
import dev.colorize.ml.infer.Colorizer.ColorLayers;
import dev.colorize.ml.infer.Colorizer.PageInput;
import dev.colorize.ml.infer.LineLayer;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.platform.image.ImageHeader;
import dev.colorize.platform.image.UnreadableImageHeaderException;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.storage.ObjectStoreException;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.metrics.WorkerMetrics;
import dev.colorize.worker.model.LoadedModel;
import dev.colorize.worker.model.ModelCatalog;
import dev.colorize.worker.model.ModelRefusedException;
import dev.colorize.worker.model.UnknownModelVersionException;
import dev.colorize.worker.storage.StoreRetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.opencv.core.CvException;
import org.opencv.core.Mat;

/**
 * Colors batches of jobs in overlapping stages: count the attempt of each page (a page given up after too
 * many is not worked on), read each sketch's header and decode those within the pixel limits in parallel (I/O
 * threads; a page already in color is passed through, see {@link ColorPageRule}), one forward pass per model
 * used (the model thread, one batch after another in submission
 * order), write the pages in parallel (I/O threads), then publish one result (or dead letter) per job
 * (in submission order) and wait until every one is durable. So batch N+1 is read while batch N
 * is in its forward pass, and batch N is written and published while batch N+1 is.
 *
 * <p>Models are used, switched and closed only on the model thread: a promotion takes over between two
 * forward passes, never within a batch.
 *
 * @param <O> where a job came from: opaque here, handed back to {@link DeadLetters}
 */
public final class PageBatchProcessor<O> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PageBatchProcessor.class);

    private final String workerId;
    private final long maxPagePixels;
    private final int maxPageAspect;
    private final int maxAttempts;
    private final InFlightPixels inFlightPixels;
    private final PageAttempts attempts;
    private final ObjectStore store;
    private final StoreRetry retry;
    private final ModelCatalog catalog;
    private final PageResults results;
    private final DeadLetters<O> deadLetters;
    private final WorkerMetrics metrics;
    private final PageEncoder encoder;
    /** Tells pages already in color, which are passed through; null when every page is colored. */
    private final ColorPageRule colorPages;
    private final ExecutorService io;
    private final ExecutorService modelThread;
    /** The last submitted batch's forward passes and result sends: the next batch's follow them. Submitter only. */
    private CompletableFuture<Void> lastForward = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> lastSent = CompletableFuture.completedFuture(null);

    public PageBatchProcessor(String workerId, WorkerConfig config, ObjectStore store, ModelCatalog catalog,
            PageResults results, DeadLetters<O> deadLetters, PageAttempts attempts, WorkerMetrics metrics) {
        this.workerId = workerId;
        this.maxPagePixels = config.maxPagePixels();
        this.maxPageAspect = config.maxPageAspect();
        this.maxAttempts = config.jobs().maxAttempts();
        this.inFlightPixels = new InFlightPixels(config.jobs().maxInFlightPixels());
        this.attempts = attempts;
        this.store = store;
        this.retry = new StoreRetry(config.retry());
        this.catalog = catalog;
        this.results = results;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.encoder = new PageEncoder(config.jpegQuality());
        this.colorPages = config.colorPages().skip() ? config.colorPages().rule() : null;
        this.io = Executors.newFixedThreadPool(config.jobs().ioParallelism(), r -> {
            Thread t = new Thread(r, workerId + "-io");
            t.setDaemon(true);
            return t;
        });
        this.modelThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, workerId + "-model");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a batch through the stages and returns at once (call from one thread only). The future
     * completes when every result and dead letter of the batch is durable, or exceptionally (e.g.
     * {@link BatchAbortedException}) when the batch is not durable and must be redone.
     */
    public CompletableFuture<Void> submit(List<ReceivedJob<O>> jobs) {
        long start = System.nanoTime();
        List<PageWork<O>> pages = new ArrayList<>(jobs.size());
        for (ReceivedJob<O> job : jobs) {
            pages.add(new PageWork<>(job));
        }
        inFlightPixels.readingBatch();
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> countAttempts(pages), io)
                .thenCompose(v -> parallel(pages, this::readSketch))
                .whenComplete((v, e) -> inFlightPixels.batchRead());
        CompletableFuture<Void> forward = read.runAfterBoth(lastForward.exceptionally(e -> null), () -> { })
                .thenRunAsync(() -> colorize(pages), modelThread);
        lastForward = forward;
        CompletableFuture<Void> written = forward.thenCompose(v -> parallel(pages, this::writeResult));
        CompletableFuture<List<CompletableFuture<?>>> sent = written
                .runAfterBoth(lastSent.exceptionally(e -> null), () -> { })
                .thenApply(v -> send(pages, start));
        lastSent = sent.thenApply(acks -> null);
        return sent.thenCompose(acks -> awaitAcks(pages, acks, start))
                .whenComplete((v, e) -> {
                    pages.forEach(PageWork::release); // a failed batch's images, at once
                    pages.forEach(p -> inFlightPixels.release(p.pixels));
                    settleAttempts(pages, e);
                });
    }

    /** Whether the job loop may hand in another batch: pixels in flight are below the cap and known. */
    public InFlightPixels inFlightPixels() {
        return inFlightPixels;
    }

    /** Before any work: a page that was taken too often without an outcome is given up. */
    private void countAttempts(List<PageWork<O>> pages) {
        List<PageWork<O>> readable = pages.stream().filter(p -> p.job != null).toList();
        if (readable.isEmpty()) {
            return;
        }
        List<Integer> counts = attempts.begin(readable.stream().map(p -> p.job).toList());
        for (int i = 0; i < readable.size(); i++) {
            int taken = counts.get(i);
            if (taken > maxAttempts) {
                readable.get(i).deadLetter(DeadLetterKind.ATTEMPTS_EXHAUSTED, "given up after " + (taken - 1)
                        + " attempts that each failed or stopped a worker (limit " + maxAttempts + ")");
            }
        }
    }

    /**
     * Off the producer's thread: a durable outcome ends the pages' counts; a batch that Kafka did not take
     * does not count against its pages. Any other failure keeps the count, as a crash would.
     */
    private void settleAttempts(List<PageWork<O>> pages, Throwable error) {
        List<PageJob> jobs = pages.stream().filter(p -> p.job != null).map(p -> p.job).toList();
        if (jobs.isEmpty()) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        try {
            if (cause == null) {
                io.execute(() -> attempts.finished(jobs));
            } else if (cause instanceof BatchAbortedException) {
                io.execute(() -> attempts.notCounted(jobs));
            }
        } catch (RejectedExecutionException e) {
            LOG.debugf("Stopped before the attempts of %d pages were settled", jobs.size());
        }
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

    private void readSketch(PageWork<O> page) {
        try {
            byte[] bytes = retry.call("read " + page.job.sourceKey(), () -> store.get(page.job.sourceKey()));
            ImageHeader header = ImageHeader.read(bytes);
            if (header.pixels() > maxPagePixels) { // refused before a single pixel is inflated
                page.fail(header.width() + "x" + header.height() + " pixels exceeds the limit of " + maxPagePixels);
                return;
            }
            if (Math.max(header.width(), header.height()) > (long) maxPageAspect * Math.min(header.width(), header.height())) {
                page.fail(header.width() + "x" + header.height() + " is more than " + maxPageAspect
                        + " times longer than wide: its strip tiles would grow with the aspect");
                return;
            }
            page.pixels = header.pixels();
            inFlightPixels.hold(page.pixels);
            page.sketch = ImageCodec.decodeBgr(bytes);
            if (page.job.hasHints()) { // hinted pages are always colored: the publisher asked for these colors
                readHints(page, header);
            } else if (colorPages != null && !page.job.forcesColor() && colorPages.isColor(page.sketch)) {
                page.skip(bytes);
            }
        } catch (UnreadableImageHeaderException e) {
            page.fail("not a decodable image: " + e.getMessage());
        } catch (UndecodableImageException e) {
            page.fail(e.getMessage());
        } catch (CvException e) {
            page.fail("cannot be decoded: " + e.getMessage()); // deterministic: retrying would block the partition
        } catch (ObjectStoreException e) {
            WorkerStoppedException.throwIfInterrupted("reading " + page.job.sourceKey(), e);
            if (e.isTransient()) {
                page.deadLetter(DeadLetterKind.STORE_FAILED, e.getMessage());
            } else {
                page.fail("sketch " + page.job.sourceKey() + " cannot be read: " + e.getMessage()); // e.g. no such key
            }
        }
    }

    /**
     * The job's hints, read as its sketch is: hints that are missing or cannot be used fail the page; a store outage
     * dead-letters it, as for its sketch. Their pixels are judged from the header and held in the in-flight budget
     * before they are decoded.
     */
    private void readHints(PageWork<O> page, ImageHeader pageHeader) {
        String key = page.job.hintsKey();
        byte[] bytes;
        try {
            bytes = retry.call("read " + key, () -> store.get(key));
        } catch (ObjectStoreException e) {
            WorkerStoppedException.throwIfInterrupted("reading " + key, e);
            if (e.isTransient()) {
                throw e; // dead-lettered by the caller, as a sketch that cannot be read now
            }
            page.fail("hints " + key + " cannot be read: " + e.getMessage()); // e.g. no such key
            return;
        }
        try {
            long pixels = PageHints.pixels(key, bytes, pageHeader);
            page.pixels += pixels;
            inFlightPixels.hold(pixels);
            page.hints = PageHints.decode(key, bytes, page.sketch);
        } catch (IllegalArgumentException | UndecodableImageException | CvException e) {
            page.fail("hints cannot be used: " + e.getMessage());
        }
    }

    /** Model thread: the one switch point for promotions is here, between two batches' forward passes. */
    private void colorize(List<PageWork<O>> pages) {
        LoadedModel served = catalog.serving();
        for (Map.Entry<Integer, List<PageWork<O>>> group : byModel(pages).entrySet()) {
            colorize(group.getKey(), group.getValue(), served);
        }
    }

    /** Pending pages by pinned version; null is the alias's served model. */
    private static <O> Map<Integer, List<PageWork<O>>> byModel(List<PageWork<O>> pages) {
        Map<Integer, List<PageWork<O>>> groups = new LinkedHashMap<>();
        for (PageWork<O> page : pages) {
            if (page.toColor()) {
                groups.computeIfAbsent(page.job.modelVersion(), v -> new ArrayList<>()).add(page);
            }
        }
        return groups;
    }

    private void colorize(Integer pinnedVersion, List<PageWork<O>> pages, LoadedModel served) {
        LoadedModel model;
        try {
            model = pinnedVersion == null || pinnedVersion == served.version() ? served : catalog.forVersion(pinnedVersion);
        } catch (UnknownModelVersionException | ModelRefusedException e) {
            pages.forEach(p -> p.fail(e.getMessage()));
            return;
        } catch (ObjectStoreException e) {
            WorkerStoppedException.throwIfInterrupted("loading model version " + pinnedVersion, e);
            pages.forEach(p -> p.deadLetter(DeadLetterKind.STORE_FAILED, "loading model version " + pinnedVersion
                    + ": " + e.getMessage()));
            return;
        } catch (RuntimeException e) { // e.g. an artifact that matches its hash but does not load: retrying cannot help
            LOG.errorf(e, "Model version %d, pinned by %d pages, cannot be loaded", pinnedVersion, pages.size());
            pages.forEach(p -> p.fail("model version " + pinnedVersion + " cannot be loaded: " + e.getMessage()));
            return;
        }
        colorizeWith(model, pages);
    }

    private void colorizeWith(LoadedModel model, List<PageWork<O>> pages) {
        List<PageInput> inputs = pages.stream().map(p -> new PageInput(p.sketch, p.hints)).toList();
        long begin = System.nanoTime();
        List<ColorLayers> colored;
        try {
            colored = model.colorizer().colorLayers(inputs);
        } catch (RuntimeException e) {
            isolateFailure(pages, model, e);
            return;
        }
        Duration forward = Duration.ofNanos(System.nanoTime() - begin);
        metrics.batch(pages.size(), forward);
        long share = Math.max(1, forward.toMillis() / pages.size());
        for (int i = 0; i < pages.size(); i++) {
            PageWork<O> page = pages.get(i);
            ColorLayers layers = colored.get(i);
            page.colored = layers.composite();
            if (page.hints != null) {
                page.hints.release();
                page.hints = null;
            }
            if (page.wantsLayers()) { // the sketch gives the line layer when the page is written
                page.flats = layers.flats();
            } else {
                page.sketch.release(); // native memory: freed now, not at some later GC
                page.sketch = null;
                if (layers.flats() != layers.composite()) {
                    layers.flats().release();
                }
            }
            page.modelVersion = model.version();
            page.inferenceMillis = share;
        }
    }

    /** A forward pass failed: run its pages one by one so only the page that cannot be colored fails. */
    private void isolateFailure(List<PageWork<O>> pages, LoadedModel model, RuntimeException e) {
        if (pages.size() == 1) {
            LOG.warnf(e, "Page %d of chapter %s cannot be colored", pages.get(0).job.pageNumber(), pages.get(0).job.chapterId());
            pages.get(0).fail("cannot be colored: " + e.getMessage());
            return;
        }
        for (PageWork<O> page : pages) {
            colorizeWith(model, List.of(page));
        }
    }

    private void writeResult(PageWork<O> page) {
        try {
            if (page.skipped) {
                writeOriginal(page);
                return;
            }
            PageJob job = page.job;
            OutputFormat format = page.outputFormat();
            byte[] encoded = encoder.encode(page.colored, format, job.quality());
            // deterministic per page and model version, so a redelivered job overwrites its own result
            String key = ObjectKeys.result(job.publisherId(), job.chapterId(), job.pageNumber(), job.resultRevision(),
                    page.modelVersion, format.extension());
            if (page.wantsLayers()) {
                writeLayers(page, format == OutputFormat.PNG ? encoded : null);
            }
            put(key, encoded, format.mediaType());
            page.resultKey = key;
            page.release();
        } catch (ObjectStoreException e) {
            WorkerStoppedException.throwIfInterrupted("writing the result of page " + page.job.pageNumber(), e);
            page.deadLetter(DeadLetterKind.STORE_FAILED, e.getMessage());
        } catch (CvException | IllegalStateException e) {
            page.fail("cannot be encoded: " + e.getMessage());
        }
    }

    /**
     * A page already in color: its uploaded bytes, unchanged and in their own format, become its result under the
     * chapter's results (so the result outlives the sketch and is removed with the chapter's results).
     */
    private void writeOriginal(PageWork<O> page) {
        byte[] original = page.original;
        ImageFormat format = ImageFormat.sniff(original).orElseThrow(() -> new IllegalStateException(
                "the page decoded but is none of the platform's formats"));
        String key = ObjectKeys.passedThrough(page.job.publisherId(), page.job.chapterId(), page.job.pageNumber(),
                format.extension());
        put(key, original, format.mediaType());
        page.resultKey = key;
        page.original = null;
    }

    /**
     * As the job asks: the flat color and line layers as PNGs, one OpenRaster file of both (lines on multiply over
     * flats, the colored page as its merged image), or all three; written before the colored page, whose key marks
     * the page done.
     */
    private void writeLayers(PageWork<O> page, byte[] compositePng) {
        PageJob job = page.job;
        Mat lines = LineLayer.of(page.sketch);
        byte[] linesPng;
        byte[] flatsPng;
        try {
            linesPng = ImageCodec.encodePng(lines);
            flatsPng = ImageCodec.encodePng(page.flats);
            if (job.wants(PageOutput.PSD)) {
                byte[] psd = PhotoshopDocument.write(List.of(new PhotoshopDocument.Layer("lines", lines, true),
                        new PhotoshopDocument.Layer("flats", page.flats, false)), page.colored);
                String psdKey = ObjectKeys.photoshop(job.publisherId(), job.chapterId(), job.pageNumber(),
                        job.resultRevision(), page.modelVersion);
                put(psdKey, psd, PhotoshopDocument.MEDIA_TYPE);
                page.psdKey = psdKey;
            }
        } finally {
            lines.release();
        }
        if (job.wants(PageOutput.LAYERS)) {
            String flatsKey = ObjectKeys.flatsLayer(job.publisherId(), job.chapterId(), job.pageNumber(),
                    job.resultRevision(), page.modelVersion);
            String linesKey = ObjectKeys.linesLayer(job.publisherId(), job.chapterId(), job.pageNumber(),
                    job.resultRevision(), page.modelVersion);
            put(flatsKey, flatsPng, OutputFormat.PNG.mediaType());
            put(linesKey, linesPng, OutputFormat.PNG.mediaType());
            page.flatsKey = flatsKey;
            page.linesKey = linesKey;
        }
        if (job.wants(PageOutput.ORA)) {
            byte[] ora = OpenRaster.write(List.of(new OpenRaster.Layer("lines", linesPng, true),
                    new OpenRaster.Layer("flats", flatsPng, false)), page.colored, compositePng);
            String oraKey = ObjectKeys.openRaster(job.publisherId(), job.chapterId(), job.pageNumber(),
                    job.resultRevision(), page.modelVersion);
            put(oraKey, ora, OpenRaster.MEDIA_TYPE);
            page.oraKey = oraKey;
        }
    }

    private void put(String key, byte[] content, String mediaType) {
        retry.run("write " + key, () -> store.put(key, content, mediaType));
    }

    /** Sends every result and dead letter of the batch (in page order); the futures are their acknowledgements. */
    private List<CompletableFuture<?>> send(List<PageWork<O>> pages, long batchStart) {
        List<CompletableFuture<?>> acks = new ArrayList<>(pages.size());
        Instant now = Instant.now();
        for (PageWork<O> page : pages) {
            if (page.deadLetterKind != null) {
                acks.add(deadLetters.deadLetter(page.origin, page.deadLetterKind, page.deadLetterError, workerId));
            }
            if (page.job != null) {
                acks.add(results.publish(result(page, now, batchStart)));
            }
        }
        return acks;
    }

    private CompletableFuture<Void> awaitAcks(List<PageWork<O>> pages, List<CompletableFuture<?>> acks,
            long batchStart) {
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).handle((v, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                throw new BatchAbortedException("A result or dead letter was not acknowledged: " + cause.getMessage(), cause);
            }
            for (PageWork<O> page : pages) {
                if (page.deadLetterKind != null) {
                    metrics.pageDeadLettered();
                } else if (page.failure != null) {
                    metrics.pageFailed();
                } else if (page.skipped) {
                    metrics.pageSkipped();
                } else {
                    metrics.pageDone(Duration.between(enqueued(page, batchStart), Instant.now()));
                }
            }
            return null;
        });
    }

    private PageResult result(PageWork<O> page, Instant now, long batchStart) {
        long total = Duration.between(enqueued(page, batchStart), now).toMillis();
        PageJob job = page.job;
        if (page.reportedAsFailed()) {
            return new PageResult(PageResult.SCHEMA_VERSION, job.chapterId(), job.pageNumber(), PageResult.Status.FAILED,
                    null, null, page.failureReason(), 0, total, workerId, now, null, null, null, job.revision());
        }
        if (page.skipped) {
            return new PageResult(PageResult.SCHEMA_VERSION, job.chapterId(), job.pageNumber(),
                    PageResult.Status.SKIPPED, page.resultKey, null, null, 0, total, workerId, now, null, null, null,
                    job.revision());
        }
        return new PageResult(PageResult.SCHEMA_VERSION, job.chapterId(), job.pageNumber(), PageResult.Status.DONE,
                page.resultKey, page.modelVersion, null, page.inferenceMillis, total, workerId, now, page.flatsKey,
                page.linesKey, page.oraKey, job.revision(), page.psdKey);
    }

    /** When the job was enqueued; the batch's start when the producer did not say. */
    private static Instant enqueued(PageWork<?> page, long batchStart) {
        if (page.job.enqueuedAt() != null) {
            return page.job.enqueuedAt();
        }
        return Instant.now().minusNanos(System.nanoTime() - batchStart);
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
