package dev.colorize.worker.storage;

import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.worker.service.PageStore;

/** The object store for the page stages, each call retried through transient faults ({@link StoreRetry}). */
public final class RetryingPageStore implements PageStore {

    private final ObjectStore store;
    private final StoreRetry retry;

    public RetryingPageStore(ObjectStore store, StoreRetry retry) {
        this.store = store;
        this.retry = retry;
    }

    @Override
    public byte[] read(String key) {
        return retry.call("read " + key, () -> store.get(key));
    }

    @Override
    public void write(String key, byte[] content, String mediaType) {
        retry.run("write " + key, () -> store.put(key, content, mediaType));
    }
}
