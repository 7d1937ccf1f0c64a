package dev.colorize.ingest.service;

import dev.colorize.platform.errors.Refused;
import dev.colorize.service.outbox.OutboxRelay;
import dev.colorize.ingest.persistence.ChapterRepository;
import dev.colorize.ingest.persistence.ChapterRepository.NewChapter;
import dev.colorize.ingest.persistence.ChapterRepository.NewPage;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.upload.InspectedPage;
import dev.colorize.ingest.upload.PageHint;
import dev.colorize.ingest.upload.UploadedPages;
import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.storage.ObjectKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Accepts a chapter: every page is validated, from disk ({@link UploadedPages}), before anything is written,
 * so a refused upload leaves nothing behind; then the objects are stored from those files and the rows plus
 * one outbox job per page commit in one transaction. Objects go first: a job never points at a missing page, and a failed commit only leaves
 * objects, which are removed. A page's color hints are stored beside it (points with palette names resolved) and named
 * in its job. Each job also names the references of the chapter's series at upload ({@link SeriesReferences}).
 */
@ApplicationScoped
public class ChapterUploads {

    /** The chapter an upload created, or the earlier one its Idempotency-Key names. */
    public record Accepted(ChapterRow chapter, boolean replayed) {
    }

    private final ChapterRepository chapters;
    private final PageObjects objects;
    private final OutboxRelay relay;
    private final ModelPins pins;
    private final SeriesPalettes palettes;
    private final SeriesReferences references;
    private final Counter acceptedChapters;
    private final Counter acceptedPages;

    public ChapterUploads(ChapterRepository chapters, PageObjects objects, OutboxRelay relay, MeterRegistry metrics,
            ModelPins pins, SeriesPalettes palettes, SeriesReferences references) {
        this.chapters = chapters;
        this.references = references;
        this.pins = pins;
        this.palettes = palettes;
        this.objects = objects;
        this.relay = relay;
        this.acceptedChapters = metrics.counter("colorize.ingest.chapters.accepted");
        this.acceptedPages = metrics.counter("colorize.ingest.pages.accepted");
    }

    public Accepted accept(UUID publisherId, UploadRequest request) {
        if (request.idempotencyKey() != null) {
            var earlier = chapters.findByIdempotencyKey(publisherId, request.idempotencyKey());
            if (earlier.isPresent()) {
                return replayed(earlier.get(), request);
            }
        }
        pins.check(request.modelVersion());
        if (request.seriesId() != null) {
            SeriesPalettes.checkSeriesId(request.seriesId());
        }
        try (UploadedPages uploaded = request.pages().get()) {
            return accept(publisherId, request, uploaded);
        }
    }

    private Accepted accept(UUID publisherId, UploadRequest request, UploadedPages uploaded) {
        List<InspectedPage> pages = uploaded.pages();
        checkForcedPages(request.forceColor(), pages.size());
        Map<Integer, PageHint> hints = uploaded.hints().stream()
                .collect(Collectors.toMap(PageHint::pageNumber, Function.identity()));
        Map<String, String> paletteColors = hints.values().stream().anyMatch(h -> !h.isImage())
                ? palettes.colorsByName(publisherId, request.seriesId()) : Map.of();
        // every page follows the references its series has now (none without a series, or for a new one)
        ColoringRequest options = request.options().withReferences(references.current(publisherId, request.seriesId()));
        UUID chapterId = UUID.randomUUID();
        Instant now = Instant.now();
        List<PageObjects.StoredObject> stored = new ArrayList<>();
        List<NewPage> rows = new ArrayList<>();
        for (InspectedPage p : pages) {
            String key = ObjectKeys.sketch(publisherId, chapterId, p.pageNumber(), p.format().extension());
            stored.add(new PageObjects.StoredObject(key, p.file(), p.format().mediaType()));
            ColoringRequest asked = options.withForceColor(request.forceColor().forces(p.pageNumber()));
            PageHint hint = hints.get(p.pageNumber());
            if (hint != null) {
                PageObjects.StoredObject hintObject = HintObjects.of(publisherId, chapterId, 0, hint, paletteColors,
                        request.seriesId());
                stored.add(hintObject);
                asked = asked.withHints(hintObject.key());
            }
            String job = MessageCodec.encodeToString(PageJob.of(publisherId, PageRef.upload(chapterId, p.pageNumber()),
                    key, asked, now));
            rows.add(new NewPage(p.pageNumber(), p.fileName(), key, p.format().name(), p.width(), p.height(),
                    p.size(), asked, job));
        }
        objects.putAll(stored);
        boolean inserted;
        try {
            inserted = chapters.insert(new NewChapter(chapterId, publisherId, request.title(), request.webhookUrl(),
                    options, request.idempotencyKey(),
                    request.idempotencyKey() == null ? null : request.fingerprint(), rows, request.seriesId()));
        } catch (RuntimeException e) {
            objects.deleteQuietly(stored.stream().map(PageObjects.StoredObject::key).toList());
            throw e;
        }
        if (!inserted) {
            // a concurrent retry with the same Idempotency-Key won the race: answer with its chapter
            objects.deleteQuietly(stored.stream().map(PageObjects.StoredObject::key).toList());
            return replayed(chapters.findByIdempotencyKey(publisherId, request.idempotencyKey()).orElseThrow(), request);
        }
        relay.wakeUp();
        acceptedChapters.increment();
        acceptedPages.increment(pages.size());
        return new Accepted(chapters.find(publisherId, chapterId).orElseThrow(), false);
    }

    /** A key's earlier chapter answers only the same request again (chapters from before fingerprints: any). */
    private static Accepted replayed(ChapterRepository.IdempotentChapter earlier, UploadRequest request) {
        if (earlier.requestFingerprint() != null && !earlier.requestFingerprint().equals(request.fingerprint())) {
            throw Refused.unprocessable("idempotency-key-reused", "Idempotency-Key " + request.idempotencyKey()
                    + " was used for a different request; use a new key for a new upload");
        }
        return new Accepted(earlier.chapter(), true);
    }

    /** Every page forced by number is a page of the chapter. */
    private static void checkForcedPages(ForcedColoring force, int pageCount) {
        if (!force.pages().isEmpty() && force.pages().last() > pageCount) {
            throw Refused.invalid("invalid-force-color-pages", "forceColorPages names page "
                    + force.pages().last() + ", but the chapter has " + pageCount + " pages");
        }
    }
}
