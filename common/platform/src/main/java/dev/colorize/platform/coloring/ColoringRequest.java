package dev.colorize.platform.coloring;

import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageOutput;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a publisher asks of one page's coloring: travels in the page's job and is kept on its page_colorings
 * row, so a new per-page option is one component here and its use where it is read.
 *
 * @param format       encoding of the colored page
 * @param outputs      what is written besides the colored page (empty: the colored page only)
 * @param quality      JPEG or WebP quality (1-100); null: the worker's default
 * @param modelVersion the model version pinned, or null for the production alias
 * @param forceColor   color the page even when it is already in color (false: such a page is passed through)
 * @param hintsKey     object key of the page's color hints ({@code .hints.png} or {@code .hints.json}), or null for
 *     automatic coloring; a hinted page is always colored
 * @param references   the series' reference art whose colors the page's regions follow where they match (empty: none);
 *     the references of the series when the coloring was asked for
 */
public record ColoringRequest(OutputFormat format, Set<PageOutput> outputs, Integer quality, Integer modelVersion,
        boolean forceColor, String hintsKey, List<SeriesReference> references) {

    public ColoringRequest {
        Objects.requireNonNull(format, "format");
        // an EnumSet keeps the declared order, so the same request always encodes to the same JSON
        outputs = outputs == null || outputs.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(outputs));
        if (quality != null && (quality < 1 || quality > 100)) {
            throw new IllegalArgumentException("quality must be 1-100, got " + quality);
        }
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** The colored page alone, in {@code format}, with the production model. */
    public static ColoringRequest of(OutputFormat format) {
        return new ColoringRequest(format, Set.of(), null, null, false, null, List.of());
    }

    public boolean wants(PageOutput output) {
        return outputs.contains(output);
    }

    /** Whether {@code file} is written for this request. */
    public boolean writes(PageFile file) {
        return file.askedBy() == null || wants(file.askedBy());
    }

    public boolean hasHints() {
        return hintsKey != null;
    }

    public ColoringRequest withOutputs(Set<PageOutput> outputs, Integer quality) {
        return new ColoringRequest(format, outputs, quality, modelVersion, forceColor, hintsKey, references);
    }

    public ColoringRequest withModelVersion(Integer modelVersion) {
        return new ColoringRequest(format, outputs, quality, modelVersion, forceColor, hintsKey, references);
    }

    public ColoringRequest withForceColor(boolean forceColor) {
        return new ColoringRequest(format, outputs, quality, modelVersion, forceColor, hintsKey, references);
    }

    public ColoringRequest withHints(String hintsKey) {
        return new ColoringRequest(format, outputs, quality, modelVersion, forceColor, hintsKey, references);
    }

    public boolean hasReferences() {
        return !references.isEmpty();
    }

    public ColoringRequest withReferences(List<SeriesReference> references) {
        return new ColoringRequest(format, outputs, quality, modelVersion, forceColor, hintsKey, references);
    }
}
