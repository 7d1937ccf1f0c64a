package dev.colorize.ingest.service;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which pages of an upload are colored even when they are already in color (the workers otherwise pass such pages
 * through unchanged, state skipped): every page, or the pages named.
 *
 * @param wholeChapter every page of the chapter
 * @param pages page numbers (1-based) forced one by one
 */
public record ForcedColoring(boolean wholeChapter, SortedSet<Integer> pages) {

    public ForcedColoring {
        pages = Collections.unmodifiableSortedSet(new TreeSet<>(pages));
    }

    public static ForcedColoring none() {
        return new ForcedColoring(false, new TreeSet<>());
    }

    public boolean forces(int pageNumber) {
        return wholeChapter || pages.contains(pageNumber);
    }

    public boolean isNone() {
        return !wholeChapter && pages.isEmpty();
    }
}
