package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.platform.storage.ObjectStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/** Writes and removes a chapter's objects, several at once: S3 latency, not bandwidth, bounds uploads. */
@ApplicationScoped
public class PageObjects {

    private static final Logger LOG = Logger.getLogger(PageObjects.class);

    /** One object to store: a page or hint image from its file, or small content (JSON hints) from memory. */
    public record StoredObject(String key, Path file, byte[] content, String mediaType) {

        public StoredObject(String key, Path file, String mediaType) {
            this(key, file, null, mediaType);
        }

        public StoredObject(String key, byte[] content, String mediaType) {
            this(key, null, content, mediaType);
        }

        void putInto(ObjectStore store) {
            if (file != null) {
                store.put(key, file, mediaType);
            } else {
                store.put(key, content, mediaType);
            }
        }
    }

    private final ObjectStore store;
    private final ExecutorService writers;

    public PageObjects(ObjectStore store, IngestConfig config) {
        this.store = store;
        this.writers = Executors.newFixedThreadPool(config.upload().storeParallelism(), r -> {
            Thread t = new Thread(r, "page-store");
            t.setDaemon(true);
            return t;
        });
    }

    /** Stores all or, when one write fails, removes what was written and rethrows. */
    public void putAll(List<StoredObject> objects) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (StoredObject o : objects) {
            writes.add(CompletableFuture.runAsync(() -> o.putInto(store), writers));
        }
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            deleteQuietly(objects.stream().map(StoredObject::key).toList());
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Best effort: a leftover object is garbage, never a correctness problem, so failures are only logged. */
    public void deleteQuietly(Collection<String> keys) {
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                LOG.warnf("Could not delete object %s: %s", key, e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        writers.shutdown();
    }
}
