package dev.colorize.ingest.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The inspected pages of one upload and their checked hints (in page order, at most one per page), on disk. Closing
 * removes the spool folder this service inflated archive entries into (null for page parts, whose files Quarkus
 * spooled and removes after the request).
 */
public record UploadedPages(List<InspectedPage> pages, List<PageHint> hints, Path spool) implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UploadedPages.class);

    /** A folder for inflated pages beside the request's own spooled parts, so it is on the same volume. */
    static Path newSpool(Path besides) {
        try {
            return Files.createTempDirectory(besides.getParent(), "pages-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Best effort: a leftover file is disk space, never a correctness problem. */
    static void delete(Path spool) {
        if (spool == null) {
            return;
        }
        try (Stream<Path> files = Files.list(spool)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            LOG.warnf("Could not remove the upload spool %s: %s", spool, e.getMessage());
        }
    }

    @Override
    public void close() {
        delete(spool);
    }
}
