package dev.colorize.worker.service;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.UndecodableImageException;
import dev.colorize.platform.image.ImageHeader;
import dev.colorize.platform.image.UnreadableImageHeaderException;
import dev.colorize.platform.storage.ObjectStoreException;
import org.opencv.core.CvException;

/**
 * Stage 1, on I/O threads, in two steps: {@link #size} reads a page's sketch and hints and judges them by their headers
 * before a single pixel is inflated (pixel limit, aspect, hints no larger than their page), which gives the pixels
 * decoding them takes; {@link #decode} holds those pixels in the in-flight budget and decodes them. Between the two the
 * batch decides how many of its pages to decode at once. A page that cannot be used fails with the reason; one whose
 * objects the store cannot serve now is dead-lettered.
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

    /** Both steps at once: the sketch's bytes as uploaded, or null when the page stopped. */
    byte[] read(PageWork<?> page) {
        size(page);
        return decode(page);
    }

    /** Reads the page's sketch and hints and sets its pixels from their headers; nothing is decoded nor held yet. */
    void size(PageWork<?> page) {
        try {
            byte[] bytes = store.read(page.job.sourceKey());
            ImageHeader header = ImageHeader.read(bytes);
            String refused = refusal(header);
            if (refused != null) {
                page.fail(refused);
                return;
            }
            page.pixels = header.pixels();
            page.sketchBytes = bytes;
            if (page.job.request().hasHints()) {
                readHints(page, header);
            }
        } catch (UnreadableImageHeaderException e) {
            page.fail("not a decodable image: " + e.getMessage());
        } catch (ObjectStoreException e) {
            WorkerStoppedException.throwIfInterrupted("reading " + page.job.sourceKey(), e);
            if (e.isTransient()) {
                page.deadLetter(DeadLetterKind.STORE_FAILED, e.getMessage());
            } else {
                page.fail("sketch " + page.job.sourceKey() + " cannot be read: " + e.getMessage()); // e.g. no such key
            }
        }
    }

    /**
     * Holds a sized page's pixels in the in-flight budget and decodes its sketch and hints; returns the sketch's bytes
     * as uploaded (a page passed through is stored as such), null when the page stopped here.
     */
    byte[] decode(PageWork<?> page) {
        byte[] bytes = page.sketchBytes;
        byte[] hints = page.hintBytes;
        page.sketchBytes = null;
        page.hintBytes = null;
        if (!page.pending() || bytes == null) {
            return null;
        }
        page.heldPixels = page.pixels;
        inFlightPixels.hold(page.heldPixels);
        try {
            page.sketch = ImageCodec.decodeBgr(bytes);
        } catch (UndecodableImageException e) {
            page.fail(e.getMessage());
            return null;
        } catch (CvException e) {
            page.fail("cannot be decoded: " + e.getMessage()); // deterministic: retrying would block the partition
            return null;
        }
        if (hints != null) {
            try {
                page.hints = PageHints.decode(page.job.request().hintsKey(), hints, page.sketch);
            } catch (IllegalArgumentException | UndecodableImageException | CvException e) {
                page.fail("hints cannot be used: " + e.getMessage());
            }
        }
        return page.pending() ? bytes : null;
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
     * pixels are judged from the header and counted with the page's before they are decoded.
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
            page.pixels += PageHints.pixels(key, bytes, pageHeader);
            page.hintBytes = bytes;
        } catch (IllegalArgumentException e) {
            page.fail("hints cannot be used: " + e.getMessage());
        }
    }
}
