package dev.colorize.trainer.dataset.triplet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.colorize.trainer.dataset.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code manifest.json} of an imported triplet dataset: {@code source, version, license, size,
 * drawings {train, validation}, pages {train, validation}, authors {train, validation},
 * dropped {reason: count}, validationFraction, seed}.
 */
public final class ImportManifest {

    public static final String FILE = "manifest.json";

    private ImportManifest() {}

    public static void write(TripletImportReport report, Path out) throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("source", report.source());
        manifest.put("version", report.version());
        manifest.put("license", report.license());
        manifest.put("size", report.size());
        manifest.put("drawings", bySplit(report.drawings()));
        manifest.put("pages", bySplit(report.pages()));
        manifest.put("authors", bySplit(report.authors()));
        manifest.put("dropped", report.dropped());
        manifest.put("validationFraction", report.validationFraction());
        manifest.put("seed", report.seed());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(FILE).toFile(), manifest);
    }

    private static Map<String, Integer> bySplit(Map<Split, Integer> counts) {
        Map<String, Integer> json = new LinkedHashMap<>();
        json.put(Split.TRAIN.column(), counts.getOrDefault(Split.TRAIN, 0));
        json.put(Split.VALIDATION.column(), counts.getOrDefault(Split.VALIDATION, 0));
        return json;
    }

    /**
     * Creates OUT for an import that resumes into it; refuses when an earlier import's manifest there says
     * another drawing size (the files already written would not fit the new ones).
     */
    public static void refuseOtherSize(Path out, int size) throws IOException {
        Path manifest = out.resolve(FILE);
        if (Files.isRegularFile(manifest)) {
            int earlier = new ObjectMapper().readTree(manifest.toFile()).path("size").asInt(size);
            if (earlier != size) {
                throw new IOException(out + " holds drawings at " + earlier + " px, not " + size
                        + ": import into another folder");
            }
        }
        Files.createDirectories(out);
    }
}
