package dev.colorize.worker.support;

import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.model.ModelAliases;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.messaging.ResultPublisher;
import dev.colorize.worker.metrics.WorkerMetrics;
import dev.colorize.worker.model.ModelCatalog;
import dev.colorize.worker.model.ModelLoader;
import dev.colorize.worker.model.ModelRegistryReader;
import dev.colorize.worker.persistence.PageAttemptsTable;
import dev.colorize.worker.service.PageStore;
import dev.colorize.worker.storage.RetryingPageStore;
import dev.colorize.worker.storage.StoreRetry;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's own beans and the test clients that play the trainer and the ingest service. */
@Singleton
public class TestStack {

    public final WorkerConfig config;
    public final ModelCatalog catalog;
    public final ObjectStore store;
    public final Registry registry;
    public final Pages pages;
    private final ModelRegistryReader modelRegistry;
    private final ModelLoader loader;
    private final KafkaClients kafka;
    private final ResultPublisher publisher;
    private final WorkerMetrics metrics;
    private final PageAttemptsTable attempts;
    private final AgroalDataSource db;
    private final String bootstrap;

    public TestStack(WorkerConfig config, ModelCatalog catalog, ObjectStore store, AgroalDataSource db,
            ModelRegistryReader modelRegistry, ModelLoader loader, KafkaClients kafka, ResultPublisher publisher,
            WorkerMetrics metrics, PageAttemptsTable attempts,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) throws Exception {
        this.attempts = attempts;
        this.db = db;
        this.bootstrap = bootstrap;
        this.config = config;
        this.catalog = catalog;
        this.store = store;
        this.modelRegistry = modelRegistry;
        this.loader = loader;
        this.kafka = kafka;
        this.publisher = publisher;
        this.metrics = metrics;
        KafkaProducer<String, byte[]> producer = kafka.producer("test-clients");
        this.registry = new Registry(db, store, producer);
        this.pages = new Pages(store, producer, bootstrap);
    }

    /** The service serves some production version (promoting a tiny one if none is). */
    public int ensureProduction() throws Exception {
        Optional<Integer> serving = catalog.versionInUse();
        if (serving.isPresent()) {
            return serving.get();
        }
        ModelEvent v = registry.register();
        registry.promote(ModelAliases.PRODUCTION, v);
        Eventually.until("the service loads the promoted version", Duration.ofSeconds(30), () -> catalog.versionInUse().isPresent());
        return catalog.versionInUse().orElseThrow();
    }

    /**
     * Production points at a fresh version that loads, served here too; for tests whose own workers read the
     * alias from the registry (another test may have left a refused version there).
     */
    public int freshProduction() throws Exception {
        ModelEvent v = registry.register();
        registry.promote(ModelAliases.PRODUCTION, v);
        Eventually.until("the service serves version " + v.version(), Duration.ofSeconds(30),
                () -> catalog.versionInUse().orElse(0) == v.version());
        return v.version();
    }

    /** Committed offsets of a consumer group, summed over partitions (0 when it committed nothing). */
    public long committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                    .filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    /** Another worker in this JVM with its own catalog, job loop and consumer group membership. */
    public OtherWorker otherWorker(String id, String alias, String topic, String group, ObjectStore pageStore) {
        ModelCatalog ownCatalog = newCatalog(alias);
        return otherWorker(id, topic, group, ownCatalog, pageStore);
    }

    /** Another worker with the catalog given (e.g. one that fails on purpose). */
    public OtherWorker otherWorker(String id, String topic, String group, ModelCatalog ownCatalog, ObjectStore pageStore) {
        return new OtherWorker(id, topic, group, config, kafka, ownCatalog, pageStore(pageStore), publisher, attempts,
                metrics);
    }

    /** Another worker whose pages are read and written through {@code pageStore} (e.g. one that hangs on a page). */
    public OtherWorker otherWorker(String id, String alias, String topic, String group, PageStore pageStore) {
        return new OtherWorker(id, topic, group, config, kafka, newCatalog(alias), pageStore, publisher, attempts,
                metrics);
    }

    /** As {@link #otherWorker(String, String, String, String, PageStore)}, with its own {@code jobs.max-in-flight-pixels}. */
    public OtherWorker otherWorker(String id, String alias, String topic, String group, PageStore pageStore,
            long maxInFlightPixels) {
        WorkerConfig.Jobs jobs = overriding(WorkerConfig.Jobs.class, config.jobs(), "maxInFlightPixels", maxInFlightPixels);
        return new OtherWorker(id, topic, group, overriding(WorkerConfig.class, config, "jobs", jobs), kafka,
                newCatalog(alias), pageStore, publisher, attempts, metrics);
    }

    /** {@code delegate} but for one method without parameters, which answers {@code value}. */
    private static <T> T overriding(Class<T> type, T delegate, String method, Object value) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, m, args) -> m.getName().equals(method) ? value : m.invoke(delegate, args)));
    }

    /** The store as the service's page stages use it, retries included. */
    public PageStore pageStore(ObjectStore objects) {
        return new RetryingPageStore(objects, new StoreRetry(config.retry()));
    }

    /**
     * A catalog whose {@code hasModel()} throws the first {@code times} times one loop asks it (the thread whose
     * name ends with {@code loopSuffix}, e.g. "-jobs" or "-model-events"): that loop's unexpected fault.
     */
    public ModelCatalog catalogFailingFor(String alias, String loopSuffix, int times) {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        return new ModelCatalog(alias, 2, modelRegistry, loader, metrics) {
            @Override
            public synchronized boolean hasModel() {
                if (Thread.currentThread().getName().endsWith(loopSuffix) && failures.getAndIncrement() < times) {
                    throw new IllegalStateException("injected fault");
                }
                return super.hasModel();
            }
        };
    }

    /** A catalog of its own for {@code alias}, built like the service's. */
    public ModelCatalog newCatalog(String alias) {
        return new ModelCatalog(alias, 2, modelRegistry, loader, metrics);
    }

    /** How often the upload's revision of a page was taken without an outcome, per page_attempts (0: no row). */
    public int pageAttempts(java.util.UUID chapter, int page) throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement(
                "SELECT attempts FROM page_attempts WHERE chapter_id = ? AND page_number = ? AND revision = 0")) {
            s.setObject(1, chapter);
            s.setInt(2, page);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** A chapter with one queued page, as the ingest service writes it (the worker only reads it). */
    public void queuedPage(java.util.UUID chapter, int page) throws Exception {
        java.util.UUID publisher = java.util.UUID.randomUUID();
        try (var c = db.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO publishers (id, name) VALUES ('" + publisher + "', 'p-" + publisher + "')");
            s.executeUpdate("INSERT INTO chapters (id, publisher_id, page_count) VALUES ('" + chapter + "', '"
                    + publisher + "', 1)");
            s.executeUpdate("INSERT INTO pages (chapter_id, page_number, source_key, source_format, width, height,"
                    + " byte_size) VALUES ('" + chapter + "', " + page + ", 'sketches/x.png', 'png', 64, 64, 1)");
            s.executeUpdate("INSERT INTO page_colorings (chapter_id, page_number, revision, request) VALUES ('" + chapter
                    + "', " + page + ", 0, '{\"format\": \"PNG\"}')");
        }
    }

    /** Records the page's upload coloring as finished, as the ingest service does on its result. */
    public void recordResult(java.util.UUID chapter, int page, String state) throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement(
                "UPDATE page_colorings SET state = ? WHERE chapter_id = ? AND page_number = ? AND revision = 0")) {
            s.setString(1, state);
            s.setObject(2, chapter);
            s.setInt(3, page);
            s.executeUpdate();
        }
    }

    /**
     * The state the ingest service shows for the page's upload coloring: a queued one the worker has counted in its
     * page_attempts is processing.
     */
    public String pageState(java.util.UUID chapter, int page) throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement("""
                SELECT CASE WHEN pc.state = 'queued' AND EXISTS (SELECT 1 FROM page_attempts a
                         WHERE (a.chapter_id, a.page_number, a.revision) = (pc.chapter_id, pc.page_number, pc.revision))
                       THEN 'processing' ELSE pc.state END
                FROM page_colorings pc WHERE pc.chapter_id = ? AND pc.page_number = ? AND pc.revision = 0""")) {
            s.setObject(1, chapter);
            s.setInt(2, page);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
