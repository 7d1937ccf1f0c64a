package dev.colorize.platform.coloring;

import dev.colorize.platform.messaging.PageOutput;
import java.util.Locale;

/**
 * A file a worker writes for a page's coloring: the colored page, always, and what the request's
 * {@link PageOutput}s ask for besides it.
 */
public enum PageFile {
    /** The colored page (or, when skipped, the uploaded bytes), in the chapter's format. */
    COLORED(null),
    /** The flat color layer (PNG). */
    FLATS(PageOutput.LAYERS),
    /** The line layer (PNG, black on transparent). */
    LINES(PageOutput.LAYERS),
    /** Both layers as one OpenRaster file. */
    ORA(PageOutput.ORA),
    /** Both layers as one layered Photoshop file. */
    PSD(PageOutput.PSD);

    private final PageOutput askedBy;

    PageFile(PageOutput askedBy) {
        this.askedBy = askedBy;
    }

    /** The output that asks for this file; null for the colored page, which is always written. */
    public PageOutput askedBy() {
        return askedBy;
    }

    /** The name in URLs and archives: flats, lines, ora, psd. */
    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
