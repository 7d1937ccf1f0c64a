package dev.colorize.trainer.cli;

import dev.colorize.trainer.dataset.openmoji.DrawingFilter;
import dev.colorize.trainer.dataset.openmoji.OpenMojiImportOptions;
import dev.colorize.trainer.dataset.openmoji.OpenMojiImportReport;
import dev.colorize.trainer.dataset.openmoji.OpenMojiImporter;
import dev.colorize.trainer.dataset.triplet.TripletFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code import-openmoji TARBALL OUT_DIR [--size 256] [--pages 400] [--validation-pages 40]
 * [--validation 0.1] [--seed 1] [--limit N]}: renders the OpenMoji npm package ({@code openmoji-17.0.0.tgz},
 * or its extracted folder) into (lines, flats, color) triplets of drawings and composed pages, split by
 * author; no database, Kafka or object store. See {@link OpenMojiImporter} for the output layout.
 */
final class ImportOpenMoji {

    private ImportOpenMoji() {}

    static int run(String[] args) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("--size", "--pages", "--validation-pages", "--validation",
                "--seed", "--limit"), Set.of());
        Path tarball = Path.of(line.positional(0, "TARBALL (openmoji-17.0.0.tgz or its extracted folder)"));
        Path out = Path.of(line.positional(1, "OUT_DIR"));
        OpenMojiImportOptions defaults = OpenMojiImportOptions.defaults();
        OpenMojiImportOptions options = new OpenMojiImportOptions(
                Integer.parseInt(line.get("--size", String.valueOf(defaults.size()))),
                Integer.parseInt(line.get("--pages", String.valueOf(defaults.trainPages()))),
                Integer.parseInt(line.get("--validation-pages", String.valueOf(defaults.validationPages()))),
                Double.parseDouble(line.get("--validation", String.valueOf(defaults.validationFraction()))),
                Long.parseLong(line.get("--seed", String.valueOf(defaults.seed()))),
                Integer.parseInt(line.get("--limit", "0")), defaults.threads());
        OpenMojiImportReport report = new OpenMojiImporter(new DrawingFilter(), TripletFilter.standard(), System.out)
                .run(tarball, out, options);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
        return 0;
    }
}
