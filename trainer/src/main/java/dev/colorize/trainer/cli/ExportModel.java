package dev.colorize.trainer.cli;

import ai.djl.Device;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.artifact.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code export-model MODEL OUT_DIR}: the artifact's generator with float16 weights, manifest kept (new
 * sha256): the compact form a model ships in ({@code models/default}).
 */
final class ExportModel {

    private ExportModel() {}

    static int run(String[] args) throws IOException {
        CommandLine line = new CommandLine(args, Set.of(), Set.of());
        Path model = Path.of(line.positional(0, "MODEL artifact folder or zip"));
        Path out = Path.of(line.positional(1, "OUT_DIR"));
        try (ModelArtifact artifact = ModelArtifact.load(model, Device.cpu())) {
            ModelManifest m = artifact.manifest();
            Files.createDirectories(out);
            ModelManifest written = ModelArtifact.save(artifact.generator(), m.spec(), m.training(), m.trainingSteps(),
                    m.data(), m.metrics(), out, true);
            System.out.printf("%s: %d bytes of float16 weights, sha256 %s%n", out,
                    Files.size(out.resolve(written.weightsFile())), written.weightsSha256());
        }
        return 0;
    }
}
