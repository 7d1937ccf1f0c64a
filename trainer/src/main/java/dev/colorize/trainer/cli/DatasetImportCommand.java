package dev.colorize.trainer.cli;

import dev.colorize.trainer.dataset.FolderImporter;
import dev.colorize.trainer.dataset.ImportReport;
import io.quarkus.runtime.QuarkusApplication;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code import-folder DATASET FOLDER [--filter] [--limit N] [--validation F]}: every PNG/JPEG under
 * FOLDER; {@code import-openclipart DATASET [--limit N] [--validation F]}: Debian's openclipart-png
 * through the clip-art filter (too small, mostly empty, nearly colorless are skipped).
 */
public class DatasetImportCommand implements QuarkusApplication {

    private static final String ACTOR = "import-command";

    private final FolderImporter importer;

    public DatasetImportCommand(FolderImporter importer) {
        this.importer = importer;
    }

    @Override
    public int run(String... args) throws Exception {
        boolean openclipart = args[0].equals("import-openclipart");
        CommandLine line = new CommandLine(Arrays.copyOfRange(args, 1, args.length),
                Set.of("--limit", "--validation"), Set.of("--filter"));
        String dataset = line.positional(0, "DATASET");
        Path folder = openclipart ? FolderImporter.OPENCLIPART : Path.of(line.positional(1, "FOLDER"));
        ImportReport report = importer.importFolder(dataset, folder, openclipart || line.has("--filter"),
                Double.parseDouble(line.get("--validation", "0.1")), Integer.parseInt(line.get("--limit", "0")), ACTOR);
        System.out.println(report);
        return 0;
    }
}
