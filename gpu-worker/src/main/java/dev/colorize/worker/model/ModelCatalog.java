package dev.colorize.worker.model;

import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.metrics.WorkerMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The loaded models: the one serving the alias, a promoted one waiting to take over, and a small LRU
 * cache of pinned versions. New versions load on the caller's (background) thread; the worker's model thread
 * switches to them between batches via {@link #serving()}, so no batch ever sees its model closed.
 * Served and pinned models are used, switched and evicted only on the worker's model thread (see PageBatchProcessor).
 */
@Singleton
public class ModelCatalog {

    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);

    private final String alias;
    private final int cacheSize;
    private final ModelRegistryReader registry;
    private final ModelLoader loader;
    private final WorkerMetrics metrics;

    private LoadedModel current;
    private LoadedModel pending;
    private final Map<Integer, LoadedModel> pinned = new LinkedHashMap<>(8, 0.75f, true);
    /** The version most recently loaded or being loaded for the alias: repeated events do not reload it. */
    private volatile int target = -1;
    private volatile String lastRefusal;
    /** The last promotion could not be loaded (not refused: e.g. the store was down): it is retried. */
    private volatile boolean promotionFailed;
    private boolean waitingLogged;

    @Inject
    public ModelCatalog(WorkerConfig config, ModelRegistryReader registry, ModelLoader loader, WorkerMetrics metrics) {
        this(config.alias(), config.model().pinnedCacheSize(), registry, loader, metrics);
    }

    public ModelCatalog(String alias, int pinnedCacheSize, ModelRegistryReader registry, ModelLoader loader,
            WorkerMetrics metrics) {
        this.alias = alias;
        this.cacheSize = Math.max(1, pinnedCacheSize); // a version just loaded must survive its own batch
        this.registry = registry;
        this.loader = loader;
        this.metrics = metrics;
    }

    public String alias() {
        return alias;
    }

    /** Loads what the registry's alias points at, unless that is already served. */
    public void refreshFromRegistry() {
        registry.forAlias(alias).ifPresentOrElse(this::promote, () -> {
            if (!waitingLogged) { // once, not at every recheck
                LOG.infof("No model is promoted to '%s' yet; waiting (jobs stay queued)", alias);
                waitingLogged = true;
            }
        });
    }

    /** Loads {@code ref} for the alias and hands it to the consumer thread; a refused artifact keeps the old one. */
    public void promote(ModelVersionRef ref) {
        if (ref.version() == target) {
            return;
        }
        int previous = target;
        target = ref.version();
        try {
            LoadedModel loaded = loader.load(ref);
            synchronized (this) {
                if (pending != null) {
                    pending.close(); // superseded before any batch used it
                }
                pending = loaded;
            }
            promotionFailed = false;
            LOG.infof("Model version %d is ready for '%s'; it takes over at the next batch", ref.version(), alias);
        } catch (ModelRefusedException e) {
            target = previous;
            promotionFailed = false; // the same bytes would be refused again
            lastRefusal = e.getMessage();
            metrics.modelRefused();
            LOG.errorf("Refused model version %d for '%s', keeping version %s: %s", ref.version(), alias,
                    versionInUse().map(String::valueOf).orElse("none"), e.getMessage());
        } catch (RuntimeException e) {
            target = previous;
            promotionFailed = true;
            LOG.errorf(e, "Could not load model version %d for '%s'; keeping version %s", ref.version(), alias,
                    versionInUse().map(String::valueOf).orElse("none"));
        }
    }

    /** Whether the last promotion failed to load for a reason a retry can cure; the listener asks the registry again. */
    public boolean promotionFailed() {
        return promotionFailed;
    }

    public synchronized boolean hasModel() {
        return current != null || pending != null;
    }

    /** The alias's model for the next batch; a pending promotion takes over here. Model thread only. */
    public synchronized LoadedModel serving() {
        if (pending != null) {
            if (current != null) {
                LOG.infof("Switching '%s' from version %d to %d", alias, current.version(), pending.version());
                cache(current); // jobs pinned to the old version keep it warm
            }
            current = pending;
            pending = null;
            pinned.remove(current.version());
        }
        if (current == null) {
            throw new IllegalStateException("no model is loaded for '" + alias + "'");
        }
        return current;
    }

    /** A pinned version, loaded on first use. Model thread only. */
    public LoadedModel forVersion(int version) {
        synchronized (this) {
            if (current != null && current.version() == version) {
                return current;
            }
            LoadedModel cached = pinned.get(version);
            if (cached != null) {
                return cached;
            }
        }
        LoadedModel loaded = loader.load(registry.forVersion(version)
                .orElseThrow(() -> new UnknownModelVersionException(version)));
        synchronized (this) {
            cache(loaded);
        }
        return loaded;
    }

    private void cache(LoadedModel model) {
        pinned.put(model.version(), model);
        while (pinned.size() > cacheSize) {
            var eldest = pinned.entrySet().iterator().next();
            pinned.remove(eldest.getKey());
            eldest.getValue().close();
        }
    }

    public synchronized Optional<Integer> versionInUse() {
        return Optional.ofNullable(current != null ? current : pending).map(LoadedModel::version);
    }

    /** Why the last promoted artifact was refused, if one was. */
    public Optional<String> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    @PreDestroy
    public synchronized void close() {
        for (LoadedModel model : pinned.values()) {
            model.close();
        }
        pinned.clear();
        if (current != null) {
            current.close();
            current = null;
        }
        if (pending != null) {
            pending.close();
            pending = null;
        }
    }
}
