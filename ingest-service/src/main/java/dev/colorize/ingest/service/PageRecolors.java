package dev.colorize.ingest.service;

import dev.colorize.platform.errors.Refused;
import dev.colorize.ingest.persistence.ChapterRepository;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.persistence.PageRow;
import dev.colorize.ingest.upload.HintInspector;
import dev.colorize.ingest.upload.InspectedPage;
import dev.colorize.ingest.upload.PageHint;
import dev.colorize.ingest.upload.PageSource;
import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageRef;
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

/**
 * Recolors a finished page with new hints, without a new upload: the hints are checked as at upload, stored for the
 * page's next revision, and its job (the chapter's format, outputs and model pin) queued with the revision row in one
 * transaction. Earlier revisions stay; the worker writes the new one beside them.
 */
@ApplicationScoped
public class PageRecolors {

    /** A recolor accepted: the revision it will make. */
    public record Accepted(UUID chapterId, int pageNumber, int revision) {
    }

    private final ChapterRepository chapters;
    private final PageColorings colorings;
    private final HintInspector hints;
    private final SeriesPalettes palettes;
    private final PageObjects objects;
    private final OutboxRelay relay;

    public PageRecolors(ChapterRepository chapters, PageColorings colorings, HintInspector hints,
            SeriesPalettes palettes, PageObjects objects, OutboxRelay relay) {
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
    public Accepted withPoints(UUID publisherId, UUID chapterId, int pageNumber, InputStream json) {
        ChapterRow chapter = chapter(publisherId, chapterId);
        PageRow page = finishedPage(chapter, pageNumber);
        PageHint hint = new PageHint(pageNumber, "hints", null,
                hints.points(pageNumber, page.width(), page.height(), "hints", json));
        return recolor(chapter, page, hint);
    }

    /** A hint image (or, named *.json, points) uploaded as a file. */
    public Accepted withFile(UUID publisherId, UUID chapterId, int pageNumber, String fileName, Path file, long size) {
        ChapterRow chapter = chapter(publisherId, chapterId);
        PageRow page = finishedPage(chapter, pageNumber);
        InspectedPage inspected = new InspectedPage(pageNumber, page.originalName(), null, page.byteSize(),
                ImageFormat.valueOf(page.sourceFormat()), page.width(), page.height());
        boolean points = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".json");
        return recolor(chapter, page, hints.inspect(inspected, new PageSource(fileName, file, size), points));
    }

    private Accepted recolor(ChapterRow chapter, PageRow page, PageHint hint) {
        Map<String, String> paletteColors = hint.isImage() ? Map.of()
                : palettes.colorsByName(chapter.publisherId(), chapter.seriesId());
        List<String> stored = new ArrayList<>();
        int revision;
        try {
            revision = colorings.queueRecolor(chapter.id(), page.pageNumber(), next -> {
                PageObjects.StoredObject hintObject = HintObjects.of(chapter.publisherId(), chapter.id(), next, hint,
                        paletteColors, chapter.seriesId());
                // stored under the page's row lock: no other recolor can write this revision's key meanwhile
                stored.add(hintObject.key());
                objects.putAll(List.of(hintObject));
                // the upload's request with the new hints: a hinted page is always colored
                ColoringRequest asked = page.upload().request().withForceColor(false).withHints(hintObject.key());
                PageJob job = PageJob.of(chapter.publisherId(), new PageRef(chapter.id(), page.pageNumber(), next),
                        page.sourceKey(), asked, Instant.now());
                return new PageColorings.NewRevision(asked, MessageCodec.encodeToString(job));
            }).orElseThrow(() -> Refused.notFound("Page " + page.pageNumber() + " of chapter " + chapter.id()));
        } catch (RuntimeException e) {
            objects.deleteQuietly(stored);
            throw e;
        }
        relay.wakeUp();
        return new Accepted(chapter.id(), page.pageNumber(), revision);
    }

    private ChapterRow chapter(UUID publisherId, UUID chapterId) {
        return chapters.find(publisherId, chapterId).orElseThrow(() -> Refused.notFound("Chapter " + chapterId));
    }

    /** A page is recolored once its upload's coloring finished: until then its own job is still in work. */
    private PageRow finishedPage(ChapterRow chapter, int pageNumber) {
        PageRow page = chapters.page(chapter.id(), pageNumber)
                .orElseThrow(() -> Refused.notFound("Page " + pageNumber + " of chapter " + chapter.id()));
        if (!page.upload().state().finished()) {
            throw Refused.conflict("page-in-work", "Page " + pageNumber + " is "
                    + page.upload().state().dbName() + "; recolor it once it is finished");
        }
        return page;
    }
}
