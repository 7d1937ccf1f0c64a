package dev.colorize.trainer.dataset.openmoji;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.trainer.dataset.NpmPackageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenMoji npm package ({@code npm pack openmoji}), read straight from its {@code .tgz} or from an
 * extracted folder (the {@code package/} folder or the one holding it). Keeps the catalogue
 * ({@code data/openmoji.csv}), {@code color/svg/*.svg}, {@code black/svg/*.svg} and the version from
 * {@code package.json}.
 *
 * @param drawings one per catalogue row, in catalogue order
 * @param missingSvg catalogue rows without a color SVG
 */
public record OpenMojiPackage(String version, List<OpenMojiDrawing> drawings, int missingSvg) {

    private static final String CSV = "data/openmoji.csv";
    private static final String COLOR = "color/svg/";
    private static final String BLACK = "black/svg/";

    public static OpenMojiPackage read(Path source) throws IOException {
        return assemble(NpmPackageFiles.read(source, CSV, OpenMojiPackage::wanted), source);
    }

    private static boolean wanted(String name) {
        boolean svg = name.endsWith(".svg") && name.indexOf('/', COLOR.length()) < 0
                && (name.startsWith(COLOR) || name.startsWith(BLACK));
        return svg || name.equals(CSV) || name.equals("package.json");
    }

    private static OpenMojiPackage assemble(Map<String, String> files, Path source) throws IOException {
        String csv = files.get(CSV);
        if (csv == null) {
            throw new IOException(source + " holds no " + CSV + ": not an OpenMoji package");
        }
        List<OpenMojiDrawing> drawings = new ArrayList<>();
        int missing = 0;
        for (Map<String, String> row : CsvTable.parse(csv)) {
            String hex = row.getOrDefault("hexcode", "").strip();
            String color = files.get(COLOR + hex + ".svg");
            if (hex.isEmpty() || color == null) {
                missing++;
                continue;
            }
            drawings.add(new OpenMojiDrawing(hex, row.getOrDefault("group", ""), row.getOrDefault("subgroups", ""),
                    OpenMojiDrawing.firstAuthor(row.get("openmoji_author")), color, files.get(BLACK + hex + ".svg")));
        }
        return new OpenMojiPackage(version(files.get("package.json")), List.copyOf(drawings), missing);
    }

    private static String version(String packageJson) throws IOException {
        if (packageJson == null) {
            return "unknown";
        }
        JsonNode node = new ObjectMapper().readTree(packageJson).get("version");
        return node == null ? "unknown" : node.asText();
    }
}
