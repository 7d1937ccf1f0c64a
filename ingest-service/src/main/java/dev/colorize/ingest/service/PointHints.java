package dev.colorize.ingest.service;

import dev.colorize.ingest.upload.HintPoint;
import dev.colorize.ingest.upload.PageHint;
import dev.colorize.ingest.upload.PageRejectedException;
import dev.colorize.platform.hints.ColorHints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checked hint points as they are stored for the worker: each palette name replaced by its color, so the stored hints
 * mean the same whatever later happens to the palette. A name the series' palette lacks is a 400 naming the page.
 */
final class PointHints {

    private PointHints() {
    }

    /**
     * @param colorsByName the series' palette ({@link SeriesPalettes#colorsByName}), empty without one
     * @param seriesId     the chapter's series, null when it names none (for the problem's detail)
     */
    static ColorHints resolve(PageHint hint, Map<String, String> colorsByName, String seriesId) {
        List<ColorHints.Point> points = new ArrayList<>(hint.points().size());
        for (int i = 0; i < hint.points().size(); i++) {
            HintPoint p = hint.points().get(i);
            String color = p.color();
            if (color == null) {
                color = colorsByName.get(SeriesPalettes.normalized(p.name()));
                if (color == null) {
                    throw PageRejectedException.invalid("unknown-palette-name", hint.pageNumber(), hint.fileName(),
                            "The hints of page " + hint.pageNumber() + ": point " + (i + 1) + " names '" + p.name() + "', "
                                    + (seriesId == null ? "but the chapter names no seriesId whose palette has it"
                                            : "which the palette of series " + seriesId + " does not have"));
                }
            }
            points.add(new ColorHints.Point(p.x(), p.y(), color, p.radius()));
        }
        return ColorHints.of(points);
    }
}
