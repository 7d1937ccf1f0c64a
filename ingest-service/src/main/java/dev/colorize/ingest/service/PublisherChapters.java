package dev.colorize.ingest.service;

import dev.colorize.ingest.persistence.ChapterRepository;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.ingest.persistence.PageColoringRepository;
import dev.colorize.ingest.persistence.PageColoringRow;
import dev.colorize.ingest.persistence.PageRow;
import dev.colorize.platform.errors.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A publisher's chapters as they may read them: another publisher's chapter is one that does not exist. */
@ApplicationScoped
public class PublisherChapters {

    /** A chapter with its pages and every coloring of them. */
    public record ChapterDetail(ChapterRow chapter, List<PageRow> pages, List<PageColoringRow> colorings) {
    }

    private final ChapterRepository chapters;
    private final PageColoringRepository colorings;

    public PublisherChapters(ChapterRepository chapters, PageColoringRepository colorings) {
        this.chapters = chapters;
        this.colorings = colorings;
    }

    /** The publisher's chapter, or not found. */
    public ChapterRow owned(UUID publisherId, UUID chapterId) {
        return chapters.find(publisherId, chapterId).orElseThrow(() -> Refused.notFound("Chapter " + chapterId));
    }

    /** A page of the publisher's chapter, or not found. */
    public PageRow page(ChapterRow chapter, int pageNumber) {
        return chapters.page(chapter.id(), pageNumber)
                .orElseThrow(() -> Refused.notFound("Page " + pageNumber + " of chapter " + chapter.id()));
    }

    public ChapterDetail detail(UUID publisherId, UUID chapterId) {
        ChapterRow chapter = owned(publisherId, chapterId);
        return new ChapterDetail(chapter, chapters.pages(chapterId), colorings.ofChapter(chapterId));
    }

    /** Newest first; the chapters after (createdAt, id) when a cursor is given. */
    public List<ChapterRow> list(UUID publisherId, Instant afterCreatedAt, UUID afterId, int limit) {
        return chapters.list(publisherId, afterCreatedAt, afterId, limit);
    }
}
