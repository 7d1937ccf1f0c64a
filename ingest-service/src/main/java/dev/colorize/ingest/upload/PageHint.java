package dev.colorize.ingest.upload;

import java.nio.file.Path;
import java.util.List;

/**
 * A page's color hints that passed validation: a hint image on disk (an RGBA PNG of the page's aspect; {@code points}
 * null) or points in page pixels ({@code file} null), whose palette names are still to be resolved.
 */
public record PageHint(int pageNumber, String fileName, Path file, List<HintPoint> points) {

    public boolean isImage() {
        return file != null;
    }
}
