package dev.colorize.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colorize.ingest.persistence.SeriesReferenceRow;
import java.time.Instant;
import java.util.UUID;

/**
 * v1 view of a series reference: the uploaded files' names (linesName absent without line art), the colored image's
 * size, where its images are read (linesUrl absent without line art), and, for a reference made from a finished page,
 * that page and the revision whose coloring it took (source).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeriesReferenceView(UUID id, String seriesId, String coloredName, String linesName, int width, int height,
        boolean hasLines, String url, String coloredUrl, String linesUrl, Source source, Instant createdAt) {

    /** The finished page a reference was made from: its chapter, page number and the coloring's revision. */
    public record Source(UUID chapterId, int pageNumber, int revision) {
    }

    static String path(String seriesId, UUID id) {
        return "/v1/series/" + seriesId + "/references/" + id;
    }

    static SeriesReferenceView of(SeriesReferenceRow r) {
        String path = path(r.seriesId(), r.id());
        return new SeriesReferenceView(r.id(), r.seriesId(), r.coloredName(), r.linesName(), r.width(), r.height(),
                r.linesKey() != null, path, path + "/colored", r.linesKey() == null ? null : path + "/lines",
                r.sourceChapterId() == null ? null
                        : new Source(r.sourceChapterId(), r.sourcePageNumber(), r.sourceRevision()),
                r.createdAt());
    }
}
