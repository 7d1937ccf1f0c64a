package dev.colorize.trainer.dataset.openmoji;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

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
        Map<String, String> files = Files.isDirectory(source) ? readFolder(source) : readTarball(source);
        return assemble(files, source);
    }

    private static Map<String, String> readTarball(Path tgz) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tgz));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = withoutTopFolder(entry.getName());
                if (entry.isFile() && wanted(name)) {
                    files.put(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    private static Map<String, String> readFolder(Path folder) throws IOException {
        Path root = Files.isRegularFile(folder.resolve(CSV)) ? folder : folder.resolve("package");
        Map<String, String> files = new HashMap<>();
        if (!Files.isRegularFile(root.resolve(CSV))) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (wanted(name)) {
                    files.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    private static String withoutTopFolder(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        int slash = n.indexOf('/');
        return slash < 0 ? n : n.substring(slash + 1);
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
