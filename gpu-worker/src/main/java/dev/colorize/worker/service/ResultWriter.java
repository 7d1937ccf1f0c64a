package dev.colorize.worker.service;

import dev.colorize.platform.storage.ObjectStoreException;
import org.opencv.core.CvException;

/**
 * Stage 5, on an I/O thread: stores each object of a page's result as it is encoded. A page that cannot be encoded
 * fails; one the store cannot take now is dead-lettered.
 */
final class ResultWriter {

    private final OutputEncoder encoder;
    private final PageStore store;

    ResultWriter(OutputEncoder encoder, PageStore store) {
        this.encoder = encoder;
        this.store = store;
    }

    void write(PageWork<?> page) {
        try {
            encoder.encode(page, object -> {
                store.write(object.key(), object.content(), object.mediaType());
                page.stored(object);
            });
            page.written();
        } catch (ObjectStoreException e) {
            WorkerStoppedException.throwIfInterrupted("writing the result of page " + page.job.pageNumber(), e);
            page.deadLetter(DeadLetterKind.STORE_FAILED, e.getMessage());
        } catch (CvException | IllegalStateException e) {
            page.fail("cannot be encoded: " + e.getMessage());
        }
    }
}
