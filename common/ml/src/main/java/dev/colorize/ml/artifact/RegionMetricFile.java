package dev.colorize.ml.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A distance between drawn regions learned for one generator (its features are what the network read over a region),
 * stored beside its weights as {@value #FILE}: regions of one character part in different drawings land near each
 * other, different parts of one character apart. Optional; without it the matcher uses its hand-set scales.
 *
 * @param formatVersion  {@link #FORMAT_VERSION}
 * @param weightsSha256  the weights it was fitted on: a metric read from another model's features means nothing
 * @param projection     rows of {@code [centroid x, centroid y, log share, the network's features...]} weights
 * @param maxDistance    a match further than this is not followed
 * @param ratio          a match is followed only when nearer than this times the nearest region of another color
 * @param fittedOn       what it was fitted on, for people
 */
public record RegionMetricFile(int formatVersion, String weightsSha256, float[][] projection, float maxDistance,
        float ratio, String fittedOn) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "region-metric.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The width of a region's vector before projection. */
    public int inputWidth() {
        return projection[0].length;
    }

    /** Writes it into an artifact folder. */
    public void write(Path folder) throws IOException {
        JSON.writeValue(folder.resolve(FILE).toFile(), this);
    }

    /** The folder's metric for the weights {@code weightsSha256}, if it has one; refuses one fitted on other weights. */
    static Optional<RegionMetricFile> read(Path folder, String weightsSha256) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        RegionMetricFile metric = JSON.readValue(file.toFile(), RegionMetricFile.class);
        if (metric.formatVersion() != FORMAT_VERSION) {
            throw new ArtifactIntegrityException(FILE + " format " + metric.formatVersion()
                    + " is not supported (this code reads format " + FORMAT_VERSION + ")");
        }
        if (!weightsSha256.equalsIgnoreCase(metric.weightsSha256())) {
            throw new ArtifactIntegrityException(FILE + " was fitted on weights " + metric.weightsSha256()
                    + ", not these (" + weightsSha256 + "): refit it with fit-region-metric");
        }
        if (metric.projection().length == 0 || metric.projection()[0].length == 0) {
            throw new ArtifactIntegrityException(FILE + " has an empty projection");
        }
        return Optional.of(metric);
    }
}
