package dev.colorize.ingest.upload;

import java.util.List;

/**
 * The inspected pages of one upload and their checked hints (in page order, at most one per page), on disk. Closing
 * closes the upload's spool: the folder this service inflated archive entries into is removed, and the bytes the
 * upload held in the spool budget are given back (page parts' files are Quarkus's, removed after the request).
 */
public record UploadedPages(List<InspectedPage> pages, List<PageHint> hints, UploadSpool spool)
        implements AutoCloseable {

    @Override
    public void close() {
        spool.close();
    }
}
