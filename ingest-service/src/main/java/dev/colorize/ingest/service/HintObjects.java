package dev.colorize.ingest.service;

import dev.colorize.ingest.upload.PageHint;
import dev.colorize.platform.storage.ObjectKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** A page's checked hints as the object stored for the worker, at upload (revision 0) or for a recolor. */
final class HintObjects {

    private HintObjects() {
    }

    /**
     * A hint image as uploaded, or points as {@link dev.colorize.platform.hints.ColorHints} JSON with palette names
     * resolved ({@link PointHints}).
     */
    static PageObjects.StoredObject of(UUID publisherId, UUID chapterId, int revision, PageHint hint,
            Map<String, String> paletteColors, String seriesId) {
        if (hint.isImage()) {
            return new PageObjects.StoredObject(ObjectKeys.hints(publisherId, chapterId, hint.pageNumber(), revision, "png"),
                    hint.file(), "image/png");
        }
        byte[] json = PointHints.resolve(hint, paletteColors, seriesId).toJson().getBytes(StandardCharsets.UTF_8);
        return new PageObjects.StoredObject(ObjectKeys.hints(publisherId, chapterId, hint.pageNumber(), revision, "json"),
                json, "application/json");
    }
}
