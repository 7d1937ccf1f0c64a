package dev.colorize.trainer.dataset.triplet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code ATTRIBUTION.md}: the source's credit and licence, and every author whose drawings the dataset holds. */
public final class AttributionFile {

    public static final String FILE = "ATTRIBUTION.md";

    private AttributionFile() {}

    public static void write(TripletImportReport report, Path out) throws IOException {
        StringBuilder md = new StringBuilder("# Attribution\n\n").append(report.credit().strip())
                .append("\n\n## Authors\n\n| Author | Drawings | Split |\n|---|---:|---|\n");
        for (Map.Entry<String, Integer> author : report.drawingsByAuthor().entrySet()) {
            md.append("| ").append(author.getKey().replace("|", "\\|")).append(" | ").append(author.getValue())
                    .append(" | ").append(report.splitOf(author.getKey())).append(" |\n");
        }
        Files.writeString(out.resolve(FILE), md.toString(), StandardCharsets.UTF_8);
    }
}
