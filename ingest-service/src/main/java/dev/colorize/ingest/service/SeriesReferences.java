package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.persistence.PageColoringRepository;
import dev.colorize.ingest.persistence.PageColoringRow;
import dev.colorize.ingest.persistence.PageRow;
import dev.colorize.ingest.persistence.SeriesReferenceRepository;
import dev.colorize.ingest.persistence.SeriesReferenceRow;
import dev.colorize.ingest.upload.InspectedPage;
import dev.colorize.ingest.upload.ReferenceImages;
import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.coloring.SeriesReference;
import dev.colorize.platform.errors.Refused;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A series' reference art: colored pages or character sheets (with their line art when the publisher has it) whose
 * colors the pages of the series follow where their regions match. Every job of the series names the references it
 * has when the job is made (an upload's pages, a recolor). References are each publisher's own, like its series: another
 * publisher's series of the same id is a series this one does not have. Nothing is half stored: objects are written
 * first and removed when the row cannot be; a row never points at a missing object.
 */
@ApplicationScoped
public class SeriesReferences {

    public static final String COLORED = ReferenceImages.COLORED_PART;
    public static final String LINES = ReferenceImages.LINES_PART;

    private final SeriesReferenceRepository references;
    private final PublisherChapters chapters;
    private final PageColoringRepository colorings;
    private final PageObjects objects;
    private final ObjectStore store;
    private final IngestConfig.References limits;

    public SeriesReferences(SeriesReferenceRepository references, PublisherChapters chapters,
            PageColoringRepository colorings, PageObjects objects, ObjectStore store, IngestConfig config) {
        this.references = references;
        this.chapters = chapters;
        this.colorings = colorings;
        this.objects = objects;
        this.store = store;
        this.limits = config.references();
    }

    /** Refuses a series id no series can have, before an upload's parts are read. */
    public void checkSeriesId(String seriesId) {
        SeriesPalettes.checkSeriesId(seriesId);
    }

    /** Adds uploaded images (inspected) to the publisher's series, creating the series if it has none of that id. */
    public SeriesReferenceRow add(UUID publisherId, String seriesId, ReferenceImages.Inspected images) {
        SeriesPalettes.checkSeriesId(seriesId);
        InspectedPage colored = images.colored();
        checkRoom(publisherId, seriesId, colored.fileName());
        UUID id = UUID.randomUUID();
        InspectedPage lines = images.lines();
        List<PageObjects.StoredObject> stored = new ArrayList<>();
        String coloredKey = ObjectKeys.seriesReference(publisherId, seriesId, id, COLORED, colored.format().extension());
        stored.add(new PageObjects.StoredObject(coloredKey, colored.file(), colored.format().mediaType()));
        String linesKey = null;
        if (lines != null) {
            linesKey = ObjectKeys.seriesReference(publisherId, seriesId, id, LINES, lines.format().extension());
            stored.add(new PageObjects.StoredObject(linesKey, lines.file(), lines.format().mediaType()));
        }
        return store(new SeriesReferenceRow(id, publisherId, seriesId, colored.fileName(),
                lines == null ? null : lines.fileName(), coloredKey, linesKey, colored.width(), colored.height(), null,
                null, null, null), stored, colored.fileName());
    }

    /**
     * Makes a finished page of one of the publisher's chapters of this series a reference: its newest done coloring as
     * the colored image, the page as uploaded as its line art, both copied under the reference's own keys (so deleting
     * the chapter keeps the reference). 404 for a series, chapter or page the publisher does not have; 409 for a
     * chapter of another series or a page with no done coloring.
     */
    public SeriesReferenceRow fromPage(UUID publisherId, String seriesId, UUID chapterId, int pageNumber) {
        SeriesPalettes.checkSeriesId(seriesId);
        if (!references.seriesExists(publisherId, seriesId)) {
            throw seriesNotFound(seriesId);
        }
        ChapterRow chapter = chapters.owned(publisherId, chapterId);
        if (!seriesId.equals(chapter.seriesId())) {
            throw Refused.conflict("chapter-of-another-series", "Chapter " + chapterId + " is "
                    + (chapter.seriesId() == null ? "of no series" : "not of series " + seriesId)
                    + ": a reference is made from a page of the series itself");
        }
        if (pageNumber < 1) {
            throw Refused.notFound("Page " + pageNumber + " of chapter " + chapterId);
        }
        PageRow page = chapters.page(chapter, pageNumber);
        PageColoringRow done = colorings.ofChapter(chapterId).stream()
                .filter(r -> r.ref().pageNumber() == pageNumber && r.state() == PageState.DONE
                        && r.outputs().colored() != null)
                .max(Comparator.comparingInt(r -> r.ref().revision()))
                .orElseThrow(() -> Refused.conflict("page-not-done", "Page " + pageNumber + " of chapter " + chapterId
                        + " has no done coloring (it is " + page.upload().state().dbName()
                        + "): a reference is made from a colored page"));
        checkRoom(publisherId, seriesId, null);
        UUID id = UUID.randomUUID();
        String coloredSource = done.outputs().colored();
        ImageFormat coloredFormat = ImageFormat.ofFileName(coloredSource).orElse(ImageFormat.PNG);
        ImageFormat linesFormat = ImageFormat.valueOf(page.sourceFormat());
        String coloredKey = ObjectKeys.seriesReference(publisherId, seriesId, id, COLORED, coloredFormat.extension());
        String linesKey = ObjectKeys.seriesReference(publisherId, seriesId, id, LINES, linesFormat.extension());
        String stem = page.originalName() == null ? String.format("%04d", pageNumber)
                : page.originalName().replaceFirst("\\.[^.]*$", "");
        List<Path> copies = new ArrayList<>();
        try {
            Path coloredCopy = download(coloredSource, copies);
            Path linesCopy = download(page.sourceKey(), copies);
            return store(new SeriesReferenceRow(id, publisherId, seriesId,
                    stem + ".colored." + coloredFormat.extension(), page.originalName() == null
                            ? stem + "." + linesFormat.extension() : page.originalName(),
                    coloredKey, linesKey, page.width(), page.height(), chapterId, pageNumber, done.ref().revision(), null),
                    List.of(new PageObjects.StoredObject(coloredKey, coloredCopy, coloredFormat.mediaType()),
                            new PageObjects.StoredObject(linesKey, linesCopy, linesFormat.mediaType())), null);
        } finally {
            for (Path copy : copies) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temporary file; the OS's temp cleaning takes it
                }
            }
        }
    }

    /** The publisher's series' references, oldest first; 404 when it has no such series. */
    public List<SeriesReferenceRow> list(UUID publisherId, String seriesId) {
        SeriesPalettes.checkSeriesId(seriesId);
        if (!references.seriesExists(publisherId, seriesId)) {
            throw seriesNotFound(seriesId);
        }
        return references.list(publisherId, seriesId);
    }

    public SeriesReferenceRow get(UUID publisherId, String seriesId, UUID id) {
        SeriesPalettes.checkSeriesId(seriesId);
        if (!references.seriesExists(publisherId, seriesId)) {
            throw seriesNotFound(seriesId);
        }
        return references.find(publisherId, seriesId, id).orElseThrow(() -> notFound(seriesId, id));
    }

    /** The object of a reference's image: {@code colored}, or {@code lines} (404 when it has none). */
    public String imageKey(UUID publisherId, String seriesId, UUID id, String part) {
        SeriesReferenceRow row = get(publisherId, seriesId, id);
        if (LINES.equals(part)) {
            if (row.linesKey() == null) {
                throw Refused.notFound("The line art of reference " + id + " (none was given)");
            }
            return row.linesKey();
        }
        return row.coloredKey();
    }

    /** Deletes the reference's row, then its objects (best effort); later jobs of the series no longer name it. */
    public void delete(UUID publisherId, String seriesId, UUID id) {
        SeriesPalettes.checkSeriesId(seriesId);
        if (!references.seriesExists(publisherId, seriesId)) {
            throw seriesNotFound(seriesId);
        }
        SeriesReferenceRow row = references.delete(publisherId, seriesId, id).orElseThrow(() -> notFound(seriesId, id));
        objects.deleteQuietly(row.objectKeys());
    }

    /** The references a job of the publisher's series names now, oldest first; none without a series. */
    public List<SeriesReference> current(UUID publisherId, String seriesId) {
        if (seriesId == null) {
            return List.of();
        }
        return references.list(publisherId, seriesId).stream().map(SeriesReferenceRow::toReference).toList();
    }

    /** Objects first, then the row; objects removed again when the row is not stored. */
    private SeriesReferenceRow store(SeriesReferenceRow row, List<PageObjects.StoredObject> stored, String file) {
        objects.putAll(stored);
        SeriesReferenceRepository.Insert inserted;
        try {
            inserted = references.insert(row, limits.maxPerSeries());
        } catch (RuntimeException e) {
            objects.deleteQuietly(stored.stream().map(PageObjects.StoredObject::key).toList());
            throw e;
        }
        if (inserted == SeriesReferenceRepository.Insert.SERIES_FULL) {
            objects.deleteQuietly(stored.stream().map(PageObjects.StoredObject::key).toList());
            throw full(row.seriesId(), file);
        }
        return references.find(row.publisherId(), row.seriesId(), row.id()).orElseThrow();
    }

    /** Refused early, before anything is stored; {@link SeriesReferenceRepository#insert} checks again under lock. */
    private void checkRoom(UUID publisherId, String seriesId, String file) {
        if (references.count(publisherId, seriesId) >= limits.maxPerSeries()) {
            throw full(seriesId, file);
        }
    }

    /** @param file the refused upload's colored file, or null for a reference made from a page */
    private Refused full(String seriesId, String file) {
        return new Refused(Refused.Reason.CONFLICT, "too-many-references", "Series " + seriesId + " has "
                + limits.maxPerSeries() + " references, the limit (colorize.ingest.references.max-per-series)"
                + (file == null ? "" : ", so '" + file + "' is not added") + "; delete one to add another", null, file,
                file == null ? null : COLORED);
    }

    /** A copy of an object in a temporary file, listed in {@code copies} for removal. */
    private Path download(String key, List<Path> copies) {
        try {
            Path file = Files.createTempFile("reference-", ".part");
            copies.add(file);
            try (InputStream in = store.open(key)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Refused seriesNotFound(String seriesId) {
        return Refused.notFound("Series " + seriesId);
    }

    private static Refused notFound(String seriesId, UUID id) {
        return Refused.notFound("Reference " + id + " of series " + seriesId);
    }
}
