package dev.colorize.trainer.dataset;

import dev.colorize.platform.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Downloads the images a dataset had at an instant into a local folder, named by their hash, for a
 * run to read with PairedImageFolder. Files already there (a resumed run) are kept.
 */
@ApplicationScoped
public class DatasetSnapshot {

    private final DatasetRepository datasets;
    private final ObjectStore store;

    public DatasetSnapshot(DatasetRepository datasets, ObjectStore store) {
        this.datasets = datasets;
        this.store = store;
    }

    /** The images written (or already present) in {@code folder}. */
    public List<DatasetImage> download(String dataset, Instant asOf, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<DatasetImage> images = datasets.images(dataset, asOf);
        for (DatasetImage image : images) {
            String key = image.objectKey();
            Path file = folder.resolve(key.substring(key.lastIndexOf('/') + 1));
            if (!Files.exists(file) || Files.size(file) != image.byteSize()) {
                Files.write(file, store.get(key));
            }
        }
        return images;
    }
}
