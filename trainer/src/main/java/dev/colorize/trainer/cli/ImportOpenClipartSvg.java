package dev.colorize.trainer.cli;

import dev.colorize.trainer.dataset.openclipart.OpenClipartImportOptions;
import dev.colorize.trainer.dataset.openclipart.OpenClipartImportReport;
import dev.colorize.trainer.dataset.openclipart.OpenClipartImporter;
import dev.colorize.trainer.dataset.triplet.SvgRasterizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code import-openclipart-svg SVG_DIR OUT_DIR [--size 256] [--validation 0.1] [--max-layer-error 3]
 * [--limit N]}: openclipart's vector drawings (Debian {@code openclipart-svg}) split into (lines, flats,
 * color) triplets, split by author; resumable. See {@link OpenClipartImporter}. ({@code import-openclipart}
 * is the older import of the package's PNG renders into a database dataset.)
 */
final class ImportOpenClipartSvg {

    private ImportOpenClipartSvg() {}

    static int run(String[] args) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("--size", "--validation", "--max-layer-error", "--limit"),
                Set.of());
        Path source = Path.of(line.positional(0, "SVG_DIR (/usr/share/openclipart/svg)"));
        Path out = Path.of(line.positional(1, "OUT_DIR"));
        OpenClipartImportOptions defaults = OpenClipartImportOptions.defaults();
        OpenClipartImportOptions options = new OpenClipartImportOptions(
                Integer.parseInt(line.get("--size", String.valueOf(defaults.size()))),
                Double.parseDouble(line.get("--validation", String.valueOf(defaults.validationFraction()))),
                Double.parseDouble(line.get("--max-layer-error", String.valueOf(defaults.maxLayerError()))),
                Integer.parseInt(line.get("--limit", "0")), defaults.threads());
        OpenClipartImportReport report = new OpenClipartImporter(new SvgRasterizer(), System.out)
                .run(source, out, options);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
        return 0;
    }
}
