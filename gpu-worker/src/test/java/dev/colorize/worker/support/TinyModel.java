package dev.colorize.worker.support;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.nn.Networks;
import dev.colorize.ml.nn.UNetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Model artifacts with freshly initialised weights: each call gives different bytes, hence a new version.
 * The spec is usually {@link dev.colorize.ml.testing.TinyModels#spec()}.
 */
public final class TinyModel {

    private TinyModel() {
    }

    /** An artifact folder for {@code spec}. */
    public static Path folder(NetworkSpec spec, Path dir) throws IOException {
        Path folder = Files.createTempDirectory(dir, "model");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Block generator = UNetGenerator.build(spec);
            Networks.initializeGenerator(generator, spec, manager);
            ModelArtifact.save(generator, spec, null, 0, null, null, folder);
        }
        return folder;
    }

    /** The zip the trainer uploads (ModelArtifact.zip of a folder). */
    public static Path zip(NetworkSpec spec, Path dir) throws IOException {
        Path zip = Files.createTempFile(dir, "model", ".zip");
        ModelArtifact.zip(folder(spec, dir), zip);
        return zip;
    }
}
