package dev.colorize.ingest.service;

import dev.colorize.ingest.persistence.ChapterRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Removes a chapter: its rows and unsent jobs in one transaction, then its objects (best effort, after the commit). */
@ApplicationScoped
public class ChapterRemoval {

    private final ChapterRepository chapters;
    private final PageObjects objects;

    public ChapterRemoval(ChapterRepository chapters, PageObjects objects) {
        this.chapters = chapters;
        this.objects = objects;
    }

    /** False when the publisher has no such chapter. */
    public boolean remove(UUID publisherId, UUID chapterId) {
        Optional<List<String>> keys = chapters.delete(publisherId, chapterId);
        keys.ifPresent(objects::deleteQuietly);
        return keys.isPresent();
    }
}
