package dev.colorize.worker.service;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pixels of the pages a worker holds, as their headers say, against a cap: the job loop takes another
 * batch only while there is room and no batch is still being read (its size is not known before), and a batch
 * decodes at once only as many of its pages as fit ({@link #fitting}), the others once those are released. So the
 * pages in memory stay within the cap plus one page: a single page larger than the cap still goes through, alone.
 */
public final class InFlightPixels {

    private final long cap;
    private final AtomicLong held = new AtomicLong();
    private final AtomicInteger batchesReading = new AtomicInteger();

    public InFlightPixels(long cap) {
        this.cap = cap;
    }

    public boolean hasRoom() {
        return batchesReading.get() == 0 && held.get() < cap;
    }

    public long held() {
        return held.get();
    }

    /**
     * How many of a batch's next pages, of these pixels in order, to decode now: as many as fit under the cap with the
     * pixels held, and at least one. Decoded all at once, a batch of large pages held several times the cap.
     */
    int fitting(long[] pixels) {
        long total = held.get();
        int fit = 0;
        while (fit < pixels.length && (fit == 0 || total + pixels[fit] <= cap)) {
            total += pixels[fit];
            fit++;
        }
        return fit;
    }

    void readingBatch() {
        batchesReading.incrementAndGet();
    }

    void batchRead() {
        batchesReading.decrementAndGet();
    }

    void hold(long pixels) {
        held.addAndGet(pixels);
    }

    void release(long pixels) {
        held.addAndGet(-pixels);
    }
}
