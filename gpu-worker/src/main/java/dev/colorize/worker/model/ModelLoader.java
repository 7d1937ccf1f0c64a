package dev.colorize.worker.model;

import dev.colorize.ml.artifact.ArtifactIntegrityException;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.platform.hashing.Sha256;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.worker.config.WorkerConfig;
import dev.colorize.worker.storage.StoreRetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Downloads a model version's artifact zip, checks it against the registry's SHA-256 and loads it. */
@ApplicationScoped
public class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    private final ObjectStore store;
    private final WorkerConfig config;
    private final StoreRetry retry;

    public ModelLoader(ObjectStore store, WorkerConfig config) {
        this.store = store;
        this.config = config;
        this.retry = new StoreRetry(config.retry());
    }

    /** @throws ModelRefusedException when the bytes are not what the registry promised */
    public LoadedModel load(ModelVersionRef ref) {
        long start = System.nanoTime();
        byte[] zip = retry.call("download model " + ref.version(), () -> store.get(ref.artifactKey()));
        String actual = Sha256.hex(zip);
        if (!actual.equalsIgnoreCase(ref.sha256())) {
            throw new ModelRefusedException("model version " + ref.version() + " (" + ref.artifactKey()
                    + ") has SHA-256 " + actual + " but the registry says " + ref.sha256());
        }
        Path file = null;
        try {
            file = Files.createTempFile("model-v" + ref.version() + "-", ".zip");
            Files.write(file, zip);
            Colorizer colorizer = Colorizer.load(file, config.colorizerOptions());
            LOG.infof("Loaded model version %d (%d bytes) in %d ms", ref.version(), zip.length,
                    (System.nanoTime() - start) / 1_000_000);
            return new LoadedModel(ref.version(), colorizer);
        } catch (ArtifactIntegrityException e) {
            throw new ModelRefusedException("model version " + ref.version() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load model version " + ref.version(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Could not delete %s: %s", file, e.getMessage());
            }
        }
    }
}
