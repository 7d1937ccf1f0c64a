package dev.colorize.trainer.dataset.fluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.trainer.dataset.NpmPackageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Iconify JSON icon set ({@code npm pack @iconify-json/NAME}): its {@code icons.json}, read from the
 * package's {@code .tgz}, an extracted folder or the {@code icons.json} file itself. Aliases (flipped or
 * renamed copies of other icons) are left out; hidden icons are kept and marked.
 *
 * @param icons by name, sorted
 */
public record IconifySet(String prefix, String version, Map<String, IconifyIcon> icons) {

    private static final String ICONS = "icons.json";

    public static IconifySet read(Path source) throws IOException {
        String version = "unknown";
        String json;
        if (Files.isRegularFile(source) && source.getFileName().toString().endsWith(".json")) {
            json = Files.readString(source);
        } else {
            Map<String, String> files = NpmPackageFiles.read(source, ICONS,
                    name -> name.equals(ICONS) || name.equals("package.json"));
            json = files.get(ICONS);
            if (json == null) {
                throw new IOException(source + " holds no " + ICONS + ": not an Iconify JSON package");
            }
            if (files.containsKey("package.json")) {
                version = new ObjectMapper().readTree(files.get("package.json")).path("version").asText("unknown");
            }
        }
        return parse(json, version);
    }

    static IconifySet parse(String json, String version) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        // Iconify's defaults: 16x16 unless the set says otherwise, an icon's own size winning
        int width = root.path("width").asInt(16);
        int height = root.path("height").asInt(16);
        Map<String, IconifyIcon> icons = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("icons").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode icon = e.getValue();
            icons.put(e.getKey(), new IconifyIcon(e.getKey(), icon.path("body").asText(),
                    icon.path("left").asDouble(0), icon.path("top").asDouble(0), icon.path("width").asDouble(width),
                    icon.path("height").asDouble(height), icon.path("hidden").asBoolean(false)));
        }
        return new IconifySet(root.path("prefix").asText(), version, icons);
    }
}
