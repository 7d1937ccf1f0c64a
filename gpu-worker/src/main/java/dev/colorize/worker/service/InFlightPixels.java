package dev.colorize.worker.service;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pixels of the pages a worker holds, as their headers say, against a cap: the job loop takes another
 * batch only while there is room and no batch is still being read (its size is not known before), so the
 * pages in memory stay within the cap plus one batch. A single page larger than the cap still goes through
 * on its own.
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
