package dev.colorize.trainer.dataset.openmoji;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code ATTRIBUTION.md}: OpenMoji's credit and license, and every author whose drawings the dataset holds. */
public final class AttributionFile {

    public static final String FILE = "ATTRIBUTION.md";

    private AttributionFile() {}

    public static void write(OpenMojiImportReport report, Path out) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Attribution\n\n")
                .append("The drawings in this dataset, and the composed pages made of them, are rendered from ")
                .append("OpenMoji ").append(report.version()).append(" (https://openmoji.org), ")
                .append("the open-source emoji and icon project of HfG Schwäbisch Gmünd, licensed under ")
                .append(OpenMojiImportReport.LICENSE)
                .append(" (https://creativecommons.org/licenses/by-sa/4.0/).\n")
                .append("They were changed: split into line-art, flat-color and composite layers, rasterized at ")
                .append(report.size()).append("x").append(report.size())
                .append(" px and arranged into pages. This dataset is shared under the same license.\n\n")
                .append("## Authors\n\n| Author | Drawings | Split |\n|---|---:|---|\n");
        for (Map.Entry<String, Integer> author : report.drawingsByAuthor().entrySet()) {
            md.append("| ").append(author.getKey().replace("|", "\\|")).append(" | ").append(author.getValue())
                    .append(" | ").append(report.splitByAuthor().get(author.getKey()).column()).append(" |\n");
        }
        Files.writeString(out.resolve(FILE), md.toString(), StandardCharsets.UTF_8);
    }
}
