package dev.colorize.trainer.registry;

import dev.colorize.platform.model.ModelAliases;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.artifact.RegionMetricFile;
import dev.colorize.ml.artifact.ModelManifest;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.trainer.config.TrainerConfig;
import dev.colorize.trainer.training.Folders;
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
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.logging.Logger;

/**
 * A fresh installation colors well at once: when the registry is empty, the model shipped in the
 * trainer's jar ({@code models/default/} of the repository) becomes version 1 and goes to production.
 * A release that ships other weights registers them once more ({@code shipped_models}, by the weights' SHA-256), and
 * they replace production where production is still an earlier shipped model; where an admin promoted another, the
 * new shipped model waits, registered, for an admin to promote it. A session advisory lock makes replicas that start
 * together register it once.
 */
@ApplicationScoped
public class DefaultModelSeeder {

    static final String RESOURCE = "default-model/";
    /** The reason the shipped model is promoted with: how an earlier seed is told from an admin's promotion. */
    static final String SHIPPED_REASON = "the default model shipped with the project";
    private static final Logger LOG = Logger.getLogger(DefaultModelSeeder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LOCK = 0x5eedL;

    private final Jdbc jdbc;
    private final ModelPublisher publisher;
    private final RegistryRepository registry;
    private final PromotionService promotions;
    private final TrainerConfig config;
    private volatile boolean settled;

    public DefaultModelSeeder(Jdbc jdbc, ModelPublisher publisher, RegistryRepository registry,
            PromotionService promotions, TrainerConfig config) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.registry = registry;
        this.promotions = promotions;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            if (config.defaultModel().enabled()) {
                seed();
            }
        } finally {
            settled = true;
        }
    }

    /** False while start-up may still register the shipped model (readiness waits for it). */
    public boolean settled() {
        return settled;
    }

    /**
     * Registers the shipped model unless it is registered already, and promotes it when production is empty or an
     * earlier shipped model; returns the version it registered, or 0.
     */
    public int seed() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader.getResource(RESOURCE + ModelArtifact.MANIFEST) == null) {
            LOG.warn("no default model in this build (models/default); train one or use the local run's bootstrap");
            return 0;
        }
        try (Connection c = jdbc.connection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            try {
                String shipped = shippedManifest(loader).weightsSha256();
                Optional<Integer> production = registry.aliasVersion(ModelAliases.PRODUCTION);
                // first: on a registry seeded before shipped_models, this records that seed's weights
                boolean replaceable = production.isEmpty() || isShipped(c, production.get());
                if (Jdbc.queryOne(c, "SELECT version FROM shipped_models WHERE weights_sha256 = ?", r -> r.getInt(1),
                        shipped).isPresent()) {
                    return 0;
                }
                int version = registerShipped(loader);
                Jdbc.update(c, "INSERT INTO shipped_models (weights_sha256, version) VALUES (?, ?)", shipped, version);
                if (!replaceable) {
                    LOG.infof("registered the model shipped with this release as version %d; production stays at "
                            + "version %d, which an admin promoted: promote %d to use it", version, production.get(),
                            version);
                    return version;
                }
                // the earlier shipped model was measured against other validation sets: the gate cannot compare them
                promotions.promote(ModelAliases.PRODUCTION, new PromotionRequest(version, production.isEmpty()
                        ? SHIPPED_REASON
                        : SHIPPED_REASON + ", replacing version " + production.get() + ", an earlier shipped model",
                        production.isPresent()), "system");
                LOG.infof("registered the shipped default model as version %d and promoted it to production%s", version,
                        production.map(p -> " (it was version " + p + ", an earlier shipped model)").orElse(""));
                return version;
            } finally {
                s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
            }
        } catch (SQLException e) {
            throw new Jdbc.DataAccessException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code version} is a shipped model: in {@code shipped_models}, or promoted by this seeder before that
     * table existed (then its weights' SHA-256, read from its artifact, is recorded now).
     */
    private boolean isShipped(Connection c, int version) throws SQLException, IOException {
        if (Jdbc.queryOne(c, "SELECT 1 FROM shipped_models WHERE version = ?", r -> r.getInt(1), version).isPresent()) {
            return true;
        }
        boolean seeded = Jdbc.queryOne(c, "SELECT 1 FROM model_alias_audit WHERE to_version = ? AND actor = 'system' "
                + "AND reason = ?", r -> r.getInt(1), version, SHIPPED_REASON).isPresent();
        if (!seeded) {
            return false;
        }
        Path folder = Files.createTempDirectory("seeded-model");
        try {
            ModelVersion seededVersion = registry.version(c, version).orElseThrow();
            String weights = manifestInZip(publisher.download(seededVersion, folder)).weightsSha256();
            Jdbc.update(c, "INSERT INTO shipped_models (weights_sha256, version) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    weights, version);
            return true;
        } finally {
            Folders.delete(folder);
        }
    }

    private static ModelManifest shippedManifest(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(RESOURCE + ModelArtifact.MANIFEST)) {
            return JSON.readValue(in, ModelManifest.class);
        }
    }

    private static ModelManifest manifestInZip(Path zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals(ModelArtifact.MANIFEST)) {
                    return JSON.readValue(in.readAllBytes(), ModelManifest.class);
                }
            }
        }
        throw new IOException(zip + " has no " + ModelArtifact.MANIFEST);
    }

    private int registerShipped(ClassLoader loader) throws IOException {
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
            return publisher.register(new NewVersion(zip, manifest.spec(), manifest.training(),
                    manifest.data() == null ? "shipped" : manifest.data().source(), null,
                    manifest.metrics() == null ? null : ValidationMetrics.of(manifest.metrics(), null, null), null, null));
        } finally {
            Files.deleteIfExists(zip);
            Folders.delete(folder);
        }
    }
}
