package dev.colorize.ingest.service;

import dev.colorize.platform.errors.Refused;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.persistence.PageRow;
import dev.colorize.ingest.upload.HintInspector;
import dev.colorize.ingest.upload.InspectedPage;
import dev.colorize.ingest.upload.PageHint;
import dev.colorize.ingest.upload.PageSource;
import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.coloring.SeriesReference;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.service.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Recolors a finished page with new hints, without a new upload: the hints are checked as at upload, the page's next
 * revision reserved, the hints stored for it and its job (the upload's format, outputs and model pin, and the series'
 * references as they are now) sent. Earlier
 * revisions stay; the worker writes the new one beside them.
 */
@ApplicationScoped
public class PageRecolors {

    /** A recolor accepted: the revision it will make. */
    public record Accepted(UUID chapterId, int pageNumber, int revision) {
    }

    private final PublisherChapters chapters;
    private final PageColorings colorings;
    private final HintInspector hints;
    private final SeriesPalettes palettes;
    private final PageObjects objects;
    private final OutboxRelay relay;
    private final ModelPins pins;
    private final SeriesReferences references;

    public PageRecolors(PublisherChapters chapters, PageColorings colorings, HintInspector hints,
            SeriesPalettes palettes, PageObjects objects, OutboxRelay relay, ModelPins pins,
            SeriesReferences references) {
        this.pins = pins;
        this.references = references;
        this.chapters = chapters;
        this.colorings = colorings;
        this.hints = hints;
        this.palettes = palettes;
        this.objects = objects;
        this.relay = relay;
    }

    /**
     * Points as JSON ({@code [{"x":..,"y":..,"color"|"name":..,"radius":..}]}) in the page's pixels, read from the
     * request no further than the hints' limit.
     */
    public Accepted withPoints(UUID publisherId, UUID chapterId, int pageNumber, InputStream json,
            String idempotencyKey) {
        ChapterRow chapter = chapters.owned(publisherId, chapterId);
        PageRow page = finishedPage(chapter, pageNumber);
        PageHint hint = new PageHint(pageNumber, "hints", null,
                hints.points(pageNumber, page.width(), page.height(), "hints", json));
        return recolor(chapter, page, hint, idempotencyKey);
    }

    /** A hint image (or, named *.json, points) uploaded as a file. */
    public Accepted withFile(UUID publisherId, UUID chapterId, int pageNumber, String fileName, Path file, long size,
            String idempotencyKey) {
        ChapterRow chapter = chapters.owned(publisherId, chapterId);
        PageRow page = finishedPage(chapter, pageNumber);
        InspectedPage inspected = new InspectedPage(pageNumber, page.originalName(), null, page.byteSize(),
                ImageFormat.valueOf(page.sourceFormat()), page.width(), page.height());
        boolean points = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".json");
        return recolor(chapter, page, hints.inspect(inspected, new PageSource(fileName, file, size), points),
                idempotencyKey);
    }

    /**
     * Reserves the page's next revision (its hints object named for it, nothing stored under the page's lock), stores
     * the hints, then sends the job; hints that cannot be stored fail the revision, with its webhook. A request with
     * the Idempotency-Key of an earlier one answers with that one's revision.
     */
    private Accepted recolor(ChapterRow chapter, PageRow page, PageHint hint, String idempotencyKey) {
        // the pin was checked at upload; an admin may have withdrawn it since
        pins.check(chapter.options().modelVersion());
        Map<String, String> paletteColors = hint.isImage() ? Map.of()
                : palettes.colorsByName(chapter.publisherId(), chapter.seriesId());
        // the series' references as they are now: a page added as a reference since the upload is followed too
        List<SeriesReference> seriesReferences = references.current(chapter.publisherId(), chapter.seriesId());
        AtomicReference<PageObjects.StoredObject> hintObject = new AtomicReference<>();
        AtomicReference<ColoringRequest> asked = new AtomicReference<>();
        PageColorings.Reserved reserved = colorings.reserveRecolor(chapter.id(), page.pageNumber(), idempotencyKey,
                next -> {
                    hintObject.set(HintObjects.of(chapter.publisherId(), chapter.id(), next, hint, paletteColors,
                            chapter.seriesId()));
                    // the upload's request with the new hints: a hinted page is always colored
                    asked.set(page.upload().request().withForceColor(false).withHints(hintObject.get().key())
                            .withReferences(seriesReferences));
                    return asked.get();
                }).orElseThrow(() -> Refused.notFound("Page " + page.pageNumber() + " of chapter " + chapter.id()));
        PageRef ref = new PageRef(chapter.id(), page.pageNumber(), reserved.revision());
        if (reserved.replayed()) {
            return new Accepted(ref.chapterId(), ref.pageNumber(), ref.revision());
        }
        try {
            objects.putAll(List.of(hintObject.get()));
        } catch (RuntimeException e) {
            objects.deleteQuietly(List.of(hintObject.get().key()));
            colorings.abandon(ref, "page " + ref.pageNumber() + ": its hints could not be stored");
            throw e;
        }
        colorings.release(ref, MessageCodec.encodeToString(PageJob.of(chapter.publisherId(), ref, page.sourceKey(),
                asked.get(), Instant.now())));
        relay.wakeUp();
        return new Accepted(ref.chapterId(), ref.pageNumber(), ref.revision());
    }

    /** A page is recolored once its upload's coloring finished: until then its own job is still in work. */
    private PageRow finishedPage(ChapterRow chapter, int pageNumber) {
        PageRow page = chapters.page(chapter, pageNumber);
        if (!page.upload().state().finished()) {
            throw Refused.conflict("page-in-work", "Page " + pageNumber + " is "
                    + page.upload().state().dbName() + "; recolor it once it is finished");
        }
        return page;
    }
}
