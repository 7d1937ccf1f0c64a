package dev.colorize.ingest.service;

import dev.colorize.ingest.persistence.LayerKeys;
import dev.colorize.rest.ApiProblemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * The layer objects of a page a publisher can read: /v1/chapters/{id}/pages/{page}/layers/{flats|lines|ora|psd}, and of a
 * recolor's revision: .../pages/{page}/revisions/{revision}/layers/{flats|lines|ora|psd}.
 */
public enum PageLayer {
    FLATS(LayerKeys::flatsKey),
    LINES(LayerKeys::linesKey),
    ORA(LayerKeys::oraKey),
    PSD(LayerKeys::psdKey);

    private final Function<LayerKeys, String> key;

    PageLayer(Function<LayerKeys, String> key) {
        this.key = key;
    }

    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The page's object of this layer, or null when the chapter did not ask for it or the page has none yet. */
    public String keyOf(LayerKeys page) {
        return key.apply(page);
    }

    /** 404 naming the layers there are, for any other name. */
    public static PageLayer ofPath(String name) {
        return Arrays.stream(values()).filter(l -> l.pathName().equals(name)).findFirst()
                .orElseThrow(() -> ApiProblemException.notFound("Layer " + name + " (there are flats, lines, ora and psd)"));
    }
}
