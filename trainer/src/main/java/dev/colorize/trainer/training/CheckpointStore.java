package dev.colorize.trainer.training;

import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Run checkpoints in the object store under {@link ObjectKeys#runCheckpoint}. A checkpoint becomes the
 * run's only after all its files are up (the caller then records its prefix), so a crash mid-upload
 * leaves the previous one in force.
 */
@ApplicationScoped
public class CheckpointStore {

    private final ObjectStore store;

    public CheckpointStore(ObjectStore store) {
        this.store = store;
    }

    /** Uploads every file of a saved checkpoint folder; returns its prefix. */
    public String upload(UUID run, long step, Path folder) throws IOException {
        String prefix = ObjectKeys.runCheckpoint(run, step);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                store.put(prefix + file.getFileName(), Files.readAllBytes(file), "application/octet-stream");
            }
        }
        return prefix;
    }

    public void download(String prefix, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<String> keys = store.list(prefix);
        if (keys.isEmpty()) {
            throw new IOException("checkpoint " + prefix + " has no files");
        }
        for (String key : keys) {
            Files.write(folder.resolve(key.substring(prefix.length())), store.get(key));
        }
    }

    /** Removes the run's checkpoints other than {@code keep}. */
    public void deleteOthers(UUID run, String keep) {
        for (String key : store.list(ObjectKeys.runCheckpoints(run))) {
            if (!key.startsWith(keep)) {
                store.delete(key);
            }
        }
    }
}
