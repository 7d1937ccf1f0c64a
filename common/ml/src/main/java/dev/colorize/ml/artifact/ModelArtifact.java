package dev.colorize.ml.artifact;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.colorize.ml.data.DataSummary;
import dev.colorize.ml.eval.EvaluationReport;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.nn.Networks;
import dev.colorize.ml.nn.ParameterFile;
import dev.colorize.ml.nn.UNetGenerator;
import dev.colorize.ml.train.TrainingConfig;
import dev.colorize.platform.hashing.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A versioned, self-describing generator: a folder (or a zip of it) holding {@code manifest.json} and
 * {@code generator.params}. Loading checks the format version and the weights' SHA-256.
 */
public final class ModelArtifact implements AutoCloseable {

    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String WEIGHTS = "generator.params";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ModelManifest manifest;
    private final Block generator;
    private final NDManager manager;
    private final RegionMetricFile regionMetric;

    private ModelArtifact(ModelManifest manifest, Block generator, NDManager manager, RegionMetricFile regionMetric) {
        this.manifest = manifest;
        this.generator = generator;
        this.manager = manager;
        this.regionMetric = regionMetric;
    }

    /** Writes {@code generator} and its manifest into {@code folder}; returns the manifest written. */
    public static ModelManifest save(Block generator, NetworkSpec spec, TrainingConfig training, long trainingSteps,
            DataSummary data, EvaluationReport metrics, Path folder) throws IOException {
        return save(generator, spec, training, trainingSteps, data, metrics, folder, false);
    }

    /** As above; {@code half} stores the weights as float16 (the compact form a model ships in). */
    public static ModelManifest save(Block generator, NetworkSpec spec, TrainingConfig training, long trainingSteps,
            DataSummary data, EvaluationReport metrics, Path folder, boolean half) throws IOException {
        Files.createDirectories(folder);
        Path weights = folder.resolve(WEIGHTS);
        ParameterFile.save(generator, weights, half);
        ModelManifest manifest = new ModelManifest(FORMAT_VERSION, Instant.now().toString(), spec,
                ModelManifest.PIX2PIX_NORMALIZATION, training, trainingSteps, data, metrics, WEIGHTS, Sha256.hex(weights));
        JSON.writeValue(folder.resolve(MANIFEST).toFile(), manifest);
        return manifest;
    }

    /** Loads a folder or a .zip of one onto {@code device}. */
    public static ModelArtifact load(Path artifact, Device device) throws IOException {
        if (Files.isDirectory(artifact)) {
            return loadFolder(artifact, device);
        }
        Path folder = Files.createTempDirectory("model-artifact");
        try {
            unzip(artifact, folder);
            return loadFolder(folder, device);
        } finally {
            deleteRecursively(folder);
        }
    }

    private static ModelArtifact loadFolder(Path folder, Device device) throws IOException {
        Path manifestFile = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ArtifactIntegrityException(folder + " has no " + MANIFEST);
        }
        ModelManifest manifest = JSON.readValue(manifestFile.toFile(), ModelManifest.class);
        if (manifest.formatVersion() != FORMAT_VERSION) {
            throw new ArtifactIntegrityException("artifact format " + manifest.formatVersion()
                    + " is not supported (this code reads format " + FORMAT_VERSION + ")");
        }
        Path weights = folder.resolve(manifest.weightsFile());
        if (!Files.isRegularFile(weights)) {
            throw new ArtifactIntegrityException(folder + " has no weights file " + manifest.weightsFile());
        }
        String actual = Sha256.hex(weights);
        if (!actual.equalsIgnoreCase(manifest.weightsSha256())) {
            throw new ArtifactIntegrityException("weights " + weights + " have SHA-256 " + actual
                    + " but the manifest says " + manifest.weightsSha256() + ": refusing a corrupt or altered model");
        }
        RegionMetricFile regionMetric = RegionMetricFile.read(folder, actual).orElse(null);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Block generator = UNetGenerator.build(manifest.spec());
            Networks.initializeGenerator(generator, manifest.spec(), manager);
            ParameterFile.load(generator, weights);
            return new ModelArtifact(manifest, generator, manager, regionMetric);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Zips an artifact folder (flat: manifest and weights at the root). */
    public static void zip(Path folder, Path zipFile) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile));
                Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    private static void unzip(Path zipFile, Path folder) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = folder.resolve(entry.getName()).normalize();
                if (!target.getParent().equals(folder.normalize()) || entry.isDirectory()) {
                    throw new ArtifactIntegrityException("unexpected entry in model zip: " + entry.getName());
                }
                try (OutputStream out = Files.newOutputStream(target)) {
                    zip.transferTo(out);
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The learned region distance fitted on these weights ({@value RegionMetricFile#FILE}), if the artifact has one. */
    public Optional<RegionMetricFile> regionMetric() {
        return Optional.ofNullable(regionMetric);
    }

    public NetworkSpec spec() {
        return manifest.spec();
    }

    /** The loaded generator; its parameters live in {@link #manager()}. */
    public Block generator() {
        return generator;
    }

    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
