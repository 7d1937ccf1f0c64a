package dev.colorize.worker.service;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.UndecodableImageException;
import dev.colorize.platform.image.ImageHeader;
import dev.colorize.platform.image.UnreadableImageHeaderException;
import dev.colorize.platform.storage.ObjectStoreException;
import org.opencv.core.CvException;

/**
 * Stage 1, on an I/O thread: reads a page's sketch and judges it by its header before a single pixel is inflated
 * (pixel limit, aspect), holds its pixels in the in-flight budget, decodes it, then reads its hints the same way. A
 * page that cannot be used fails with the reason; one whose objects the store cannot serve now is dead-lettered.
 */
final class PageReader {

    private final PageStore store;
    private final long maxPagePixels;
    private final int maxPageAspect;
    private final InFlightPixels inFlightPixels;

    PageReader(PageStore store, long maxPagePixels, int maxPageAspect, InFlightPixels inFlightPixels) {
        this.store = store;
        this.maxPagePixels = maxPagePixels;
        this.maxPageAspect = maxPageAspect;
        this.inFlightPixels = inFlightPixels;
    }

    /** The sketch's bytes as uploaded (a page passed through is stored as such); null when the page stopped here. */
    byte[] read(PageWork<?> page) {
        try {
            byte[] bytes = store.read(page.job.sourceKey());
            ImageHeader header = ImageHeader.read(bytes);
            String refused = refusal(header);
            if (refused != null) {
                page.fail(refused);
                return null;
            }
            page.pixels = header.pixels();
            inFlightPixels.hold(page.pixels);
            page.sketch = ImageCodec.decodeBgr(bytes);
            if (page.job.request().hasHints()) {
                readHints(page, header);
            }
            return page.pending() ? bytes : null;
        } catch (UnreadableImageHeaderException e) {
            page.fail("not a decodable image: " + e.getMessage());
        } catch (UndecodableImageException e) {
            page.fail(e.getMessage());
        } catch (CvException e) {
            page.fail("cannot be decoded: " + e.getMessage()); // deterministic: retrying would block the partition
        } catch (ObjectStoreException e) {
            WorkerStoppedException.throwIfInterrupted("reading " + page.job.sourceKey(), e);
            if (e.isTransient()) {
                page.deadLetter(DeadLetterKind.STORE_FAILED, e.getMessage());
            } else {
                page.fail("sketch " + page.job.sourceKey() + " cannot be read: " + e.getMessage()); // e.g. no such key
            }
        }
        return null;
    }

    /** Why a page with this header is refused before it is decoded; null when it is not. */
    private String refusal(ImageHeader header) {
        if (header.pixels() > maxPagePixels) {
            return header.width() + "x" + header.height() + " pixels exceeds the limit of " + maxPagePixels;
        }
        if (Math.max(header.width(), header.height()) > (long) maxPageAspect * Math.min(header.width(), header.height())) {
            return header.width() + "x" + header.height() + " is more than " + maxPageAspect
                    + " times longer than wide: its strip tiles would grow with the aspect";
        }
        return null;
    }

    /**
     * Hints that are missing or cannot be used fail the page; a store outage dead-letters it, as for its sketch. Their
     * pixels are judged from the header and held in the in-flight budget before they are decoded.
     */
    private void readHints(PageWork<?> page, ImageHeader pageHeader) {
        String key = page.job.request().hintsKey();
        byte[] bytes;
        try {
            bytes = store.read(key);
        } catch (ObjectStoreException e) {
            WorkerStoppedException.throwIfInterrupted("reading " + key, e);
            if (e.isTransient()) {
                throw e; // dead-lettered by the caller, as a sketch that cannot be read now
            }
            page.fail("hints " + key + " cannot be read: " + e.getMessage()); // e.g. no such key
            return;
        }
        try {
            long pixels = PageHints.pixels(key, bytes, pageHeader);
            page.pixels += pixels;
            inFlightPixels.hold(pixels);
            page.hints = PageHints.decode(key, bytes, page.sketch);
        } catch (IllegalArgumentException | UndecodableImageException | CvException e) {
            page.fail("hints cannot be used: " + e.getMessage());
        }
    }
}
