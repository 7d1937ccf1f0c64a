package dev.colorize.ingest.service;

import dev.colorize.platform.errors.Refused;
import dev.colorize.platform.coloring.PageFile;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The layer objects of a page a publisher can read: /v1/chapters/{id}/pages/{page}/layers/{flats|lines|ora|psd}, and of a
 * recolor's revision: .../pages/{page}/revisions/{revision}/layers/{flats|lines|ora|psd}. Every file a coloring writes
 * besides the colored page is one.
 */
public final class PageLayer {

    private PageLayer() {
    }

    /** The layer of a URL's path segment; 404 naming the layers there are, for any other name. */
    public static PageFile ofPath(String name) {
        return layers().filter(l -> l.pathName().equals(name)).findFirst()
                .orElseThrow(() -> Refused.notFound("Layer " + name + " (there are "
                        + layers().map(PageFile::pathName).collect(Collectors.joining(", ")) + ")"));
    }

    private static Stream<PageFile> layers() {
        return Arrays.stream(PageFile.values()).filter(f -> f != PageFile.COLORED);
    }
}
