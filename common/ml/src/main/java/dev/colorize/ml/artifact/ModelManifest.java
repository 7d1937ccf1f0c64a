package dev.colorize.ml.artifact;

import dev.colorize.ml.data.DataSummary;
import dev.colorize.ml.eval.EvaluationReport;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.train.TrainingConfig;

/**
 * manifest.json of a model artifact: everything needed to rebuild and trust the generator in a fresh
 * JVM.
 *
 * @param formatVersion {@link ModelArtifact#FORMAT_VERSION} at write time
 * @param createdAt ISO-8601 instant
 * @param spec the generator's architecture
 * @param normalization how pixels map to the network's range
 * @param training the run's configuration (null when unknown)
 * @param trainingSteps steps the weights were trained for
 * @param data what it was trained on (null when unknown)
 * @param metrics validation report (null when not evaluated)
 * @param weightsFile file name of the generator parameters, inside the artifact folder
 * @param weightsSha256 hex SHA-256 of that file
 */
public record ModelManifest(
        int formatVersion,
        String createdAt,
        NetworkSpec spec,
        String normalization,
        TrainingConfig training,
        long trainingSteps,
        DataSummary data,
        EvaluationReport metrics,
        String weightsFile,
        String weightsSha256) {

    /** pix2pix's mapping, written into every manifest. */
    public static final String PIX2PIX_NORMALIZATION =
            "sketch: 8-bit gray, color: 8-bit RGB; value/127.5 - 1 in [-1, 1], channel-first";
}
