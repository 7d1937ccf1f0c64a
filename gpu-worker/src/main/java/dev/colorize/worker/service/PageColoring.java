package dev.colorize.worker.service;

import dev.colorize.ml.infer.Colorizer.ColorLayers;
import dev.colorize.ml.infer.Colorizer.PageInput;
import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.platform.storage.ObjectStoreException;
import dev.colorize.worker.metrics.WorkerMetrics;
import dev.colorize.worker.model.LoadedModel;
import dev.colorize.worker.model.ModelCatalog;
import dev.colorize.worker.model.ModelRefusedException;
import dev.colorize.worker.model.UnknownModelVersionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Stage 3, on the model thread: one forward pass per model over the pages to color (with their hints and their
 * series' references, see {@link SeriesReferences}), the served model's or a pinned version's. The one switch point for promotions is here, between two batches' forward passes.
 * A page that cannot be colored fails alone: a failed pass is run again page by page.
 */
final class PageColoring {

    private static final Logger LOG = Logger.getLogger(PageColoring.class);

    private final ModelCatalog catalog;
    private final WorkerMetrics metrics;
    private final SeriesReferences references;

    PageColoring(ModelCatalog catalog, WorkerMetrics metrics, SeriesReferences references) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.references = references;
    }

    <O> void color(List<PageWork<O>> pages) {
        LoadedModel served = catalog.serving();
        for (Map.Entry<Integer, List<PageWork<O>>> group : byModel(pages).entrySet()) {
            color(group.getKey(), group.getValue(), served);
        }
    }

    /** Pages to color by pinned version; null is the alias's served model. */
    private static <O> Map<Integer, List<PageWork<O>>> byModel(List<PageWork<O>> pages) {
        Map<Integer, List<PageWork<O>>> groups = new LinkedHashMap<>();
        for (PageWork<O> page : pages) {
            if (page.toColor()) {
                groups.computeIfAbsent(page.job.request().modelVersion(), v -> new ArrayList<>()).add(page);
            }
        }
        return groups;
    }

    private <O> void color(Integer pinnedVersion, List<PageWork<O>> pages, LoadedModel served) {
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
        colorWith(model, pages);
    }

    private <O> void colorWith(LoadedModel model, List<PageWork<O>> pages) {
        List<PageInput> inputs = pages.stream().map(p -> new PageInput(p.sketch, p.hints,
                references.describe(model, p.job.request().references()), chapterOf(p))).toList();
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
            if (page.wantsLayers()) { // the sketch gives the line layer when the page is encoded
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
            if (page.job.request().hasReferences()) {
                page.referenceUse = new ReferenceUse(layers.matches().regions(), layers.matches().followed());
            }
        }
    }

    /**
     * The chapter an upload's page is voted with (its pages in one batch give a character part one color): recolors
     * are colored alone, so a page's new hints never repaint its neighbours.
     */
    private static String chapterOf(PageWork<?> page) {
        return page.job.page().revision() == 0 ? page.job.chapterId().toString() : null;
    }

    /** A forward pass failed: run its pages one by one so only the page that cannot be colored fails. */
    private <O> void isolateFailure(List<PageWork<O>> pages, LoadedModel model, RuntimeException e) {
        if (pages.size() == 1) {
            LOG.warnf(e, "Page %d of chapter %s cannot be colored", pages.get(0).job.pageNumber(), pages.get(0).job.chapterId());
            pages.get(0).fail("cannot be colored: " + e.getMessage());
            return;
        }
        for (PageWork<O> page : pages) {
            colorWith(model, List.of(page));
        }
    }
}
