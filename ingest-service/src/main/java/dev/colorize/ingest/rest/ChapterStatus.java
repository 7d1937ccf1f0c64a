package dev.colorize.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.persistence.PageColoringRow;
import dev.colorize.ingest.persistence.PageRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * v1 view of a chapter. pages is null in lists. modelVersions: the versions that colored its pages.
 * processingMs: upload to final state. pagesDone counts every page finished with a result; pagesSkipped, those of
 * them passed through unchanged because they were already in color. outputs: what each page gets besides its
 * colored page (layers, ora, psd), absent for nothing; quality: the JPEG/WebP quality asked for, absent for the default. seriesId: the
 * series whose palette the chapter's point hints name, absent for none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChapterStatus(UUID chapterId, String title, String state, int pageCount, int pagesDone,
        int pagesFailed, int pagesSkipped, String outputFormat, Integer modelVersionPin, List<Integer> modelVersions,
        Instant createdAt, Instant updatedAt, Instant completedAt, Long processingMs, List<String> outputs,
        Integer quality, List<PageStatus> pages, String seriesId) {

    /** @param colorings the colorings of the chapter's pages (any order); null in lists */
    static ChapterStatus of(ChapterRow c, List<PageRow> pages, List<PageColoringRow> colorings) {
        Map<Integer, PageColoringRow> newest = colorings == null ? Map.of() : colorings.stream()
                .filter(r -> r.ref().recolor())
                .collect(Collectors.toMap(r -> r.ref().pageNumber(), r -> r,
                        (a, b) -> a.ref().revision() > b.ref().revision() ? a : b));
        String path = "/v1/chapters/" + c.id();
        return new ChapterStatus(c.id(), c.title(), c.state(), c.pageCount(), c.pagesDone(), c.pagesFailed(),
                c.pagesSkipped(), c.options().format().name(), c.options().modelVersion(),
                pages == null ? null : pages.stream().map(p -> p.upload().modelVersion()).filter(Objects::nonNull).distinct().sorted().toList(),
                c.createdAt(), c.updatedAt(), c.completedAt(),
                c.completedAt() == null ? null : Duration.between(c.createdAt(), c.completedAt()).toMillis(),
                c.options().outputs().isEmpty() ? null
                        : c.options().outputs().stream().map(o -> o.name().toLowerCase(Locale.ROOT)).toList(),
                c.options().quality(),
                pages == null ? null : pages.stream().map(p -> PageStatus.of(p, newest.get(p.pageNumber()), path)).toList(),
                c.seriesId());
    }
}
