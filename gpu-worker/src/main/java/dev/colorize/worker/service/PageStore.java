package dev.colorize.worker.service;

import dev.colorize.platform.storage.ObjectStoreException;

/**
 * The object store as the page stages use it: whole objects read and written, transient faults already retried.
 * An interface so each stage can be tried without a store.
 */
public interface PageStore {

    /** @throws ObjectStoreException when the object cannot be read (transient: the retry budget is spent) */
    byte[] read(String key);

    /** @throws ObjectStoreException when the object cannot be written (transient: the retry budget is spent) */
    void write(String key, byte[] content, String mediaType);
}
