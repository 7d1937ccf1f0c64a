package dev.colorize.trainer.registry;

import dev.colorize.platform.model.ModelAliases;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.artifact.RegionMetricFile;
import dev.colorize.ml.artifact.ModelManifest;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.trainer.config.TrainerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * A fresh installation colors well at once: when the registry is empty, the model shipped in the
 * trainer's jar ({@code models/default/} of the repository) becomes version 1 and goes to production.
 * A session advisory lock makes replicas that start together register it once.
 */
@ApplicationScoped
public class DefaultModelSeeder {

    static final String RESOURCE = "default-model/";
    private static final Logger LOG = Logger.getLogger(DefaultModelSeeder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LOCK = 0x5eedL;

    private final Jdbc jdbc;
    private final ModelPublisher registry;
    private final PromotionService promotions;
    private final TrainerConfig config;
    private volatile boolean settled;

    public DefaultModelSeeder(Jdbc jdbc, ModelPublisher registry, PromotionService promotions, TrainerConfig config) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.promotions = promotions;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            if (config.defaultModel().enabled()) {
                seedIfEmpty();
            }
        } finally {
            settled = true;
        }
    }

    /** False while start-up may still register the shipped model (readiness waits for it). */
    public boolean settled() {
        return settled;
    }

    /** Registers and promotes the shipped model when no version exists; returns its version, or 0. */
    public int seedIfEmpty() {
        try (Connection c = jdbc.connection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            try {
                if (Jdbc.queryOne(c, "SELECT count(*) FROM model_versions", r -> r.getLong(1)).orElse(0L) > 0) {
                    return 0;
                }
                return registerShipped();
            } finally {
                s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
            }
        } catch (SQLException e) {
            throw new Jdbc.DataAccessException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int registerShipped() throws IOException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader.getResource(RESOURCE + ModelArtifact.MANIFEST) == null) {
            LOG.warn("no default model in this build (models/default); train one or use the local run's bootstrap");
            return 0;
        }
        Path folder = Files.createTempDirectory("default-model");
        Path zip = folder.resolveSibling(folder.getFileName() + ".zip"); // outside the folder it zips
        try {
            for (String file : new String[] {ModelArtifact.MANIFEST, ModelArtifact.WEIGHTS, RegionMetricFile.FILE}) {
                try (InputStream in = loader.getResourceAsStream(RESOURCE + file)) {
                    if (in != null || !file.equals(RegionMetricFile.FILE)) { // the region metric is optional
                        Files.copy(in, folder.resolve(file));
                    }
                }
            }
            ModelManifest manifest = JSON.readValue(folder.resolve(ModelArtifact.MANIFEST).toFile(), ModelManifest.class);
            ModelArtifact.load(folder, ai.djl.Device.cpu()).close(); // refuses corrupt weights (sha256) before registering
            ModelArtifact.zip(folder, zip);
            int version = registry.register(new NewVersion(zip, manifest.spec(), manifest.training(),
                    manifest.data() == null ? "shipped" : manifest.data().source(), null,
                    manifest.metrics() == null ? null : ValidationMetrics.of(manifest.metrics(), null, null), null, null));
            promotions.promote(ModelAliases.PRODUCTION,
                    new PromotionRequest(version, "the default model shipped with the project", false), "system");
            LOG.infof("registered the shipped default model as version %d and promoted it to production", version);
            return version;
        } finally {
            Files.deleteIfExists(zip);
            try (var walk = Files.walk(folder)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
