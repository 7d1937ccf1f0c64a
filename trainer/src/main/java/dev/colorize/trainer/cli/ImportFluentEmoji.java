package dev.colorize.trainer.cli;

import dev.colorize.trainer.dataset.fluent.FluentEmojiImporter;
import dev.colorize.trainer.dataset.fluent.FluentImportOptions;
import dev.colorize.trainer.dataset.fluent.FluentImportReport;
import dev.colorize.trainer.dataset.triplet.SvgRasterizer;
import dev.colorize.trainer.dataset.triplet.TripletFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code import-fluent-emoji FLAT HIGH_CONTRAST OUT_DIR [--size 256] [--validation 0.1] [--min-ink-on-edges 0.9]
 * [--limit N]}: renders the Iconify packages of Fluent Emoji ({@code npm pack @iconify-json/fluent-emoji-flat},
 * {@code npm pack @iconify-json/fluent-emoji-high-contrast}: their {@code .tgz}, extracted folder or
 * {@code icons.json}) into (lines, flats, color) triplets split by name; resumable. See
 * {@link FluentEmojiImporter}.
 */
final class ImportFluentEmoji {

    private ImportFluentEmoji() {}

    static int run(String[] args) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("--size", "--validation", "--min-ink-on-edges", "--limit"),
                Set.of());
        Path flat = Path.of(line.positional(0, "FLAT (the fluent-emoji-flat package)"));
        Path highContrast = Path.of(line.positional(1, "HIGH_CONTRAST (the fluent-emoji-high-contrast package)"));
        Path out = Path.of(line.positional(2, "OUT_DIR"));
        FluentImportOptions defaults = FluentImportOptions.defaults();
        FluentImportOptions options = new FluentImportOptions(
                Integer.parseInt(line.get("--size", String.valueOf(defaults.size()))),
                Double.parseDouble(line.get("--validation", String.valueOf(defaults.validationFraction()))),
                Double.parseDouble(line.get("--min-ink-on-edges", String.valueOf(defaults.minInkOnEdges()))),
                Integer.parseInt(line.get("--limit", "0")), defaults.threads());
        FluentImportReport report = new FluentEmojiImporter(TripletFilter.standard(), new SvgRasterizer(), System.out)
                .run(flat, highContrast, out, options);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
        return 0;
    }
}
