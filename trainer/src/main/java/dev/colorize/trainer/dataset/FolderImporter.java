package dev.colorize.trainer.dataset;

import dev.colorize.trainer.config.TrainerConfig;
import dev.colorize.platform.errors.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Imports every PNG/JPEG under a folder (recursively, in path order) into a dataset, optionally through
 * the {@link ClipartFilter}. Debian's openclipart-png (/usr/share/openclipart/png) is the public-domain
 * starting dataset: {@code import-openclipart} is this with the filter on.
 */
@ApplicationScoped
public class FolderImporter {

    public static final Path OPENCLIPART = Path.of("/usr/share/openclipart/png");
    private static final Logger LOG = Logger.getLogger(FolderImporter.class);

    private final DatasetService datasets;
    private final TrainerConfig config;

    public FolderImporter(DatasetService datasets, TrainerConfig config) {
        this.datasets = datasets;
        this.config = config;
    }

    /** Creates the dataset when missing; {@code limit} caps the images added (0: no cap). */
    public ImportReport importFolder(String dataset, Path folder, boolean filter, double validationFraction,
            int limit, String actor) throws IOException {
        try {
            datasets.require(dataset);
        } catch (Refused missing) {
            datasets.create(dataset, validationFraction, actor);
        }
        ClipartFilter clipart = ClipartFilter.from(config.imports());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(FolderImporter::isImage).sorted().toList();
        }
        int added = 0;
        int present = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        for (Path file : files) {
            if (limit > 0 && added >= limit) {
                break;
            }
            byte[] bytes = Files.readAllBytes(file);
            var rejection = filter ? clipart.rejection(bytes) : Optional.<String>empty();
            if (rejection.isPresent()) {
                skipped.merge(rejection.get(), 1, Integer::sum);
                continue;
            }
            try {
                if (datasets.addImage(dataset, bytes, folder.relativize(file).toString(), actor).added()) {
                    added++;
                } else {
                    present++;
                }
            } catch (Refused e) {
                skipped.merge(e.code(), 1, Integer::sum);
            }
        }
        ImportReport report = new ImportReport(dataset, added, present, skipped);
        LOG.infof("imported %s from %s: %s", dataset, folder, report);
        return report;
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }
}
