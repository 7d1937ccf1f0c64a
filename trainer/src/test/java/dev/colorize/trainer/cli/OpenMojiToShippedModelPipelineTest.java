package dev.colorize.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.colorize.ml.artifact.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that make the shipped model, end to end on a handful of real OpenMoji drawings with a
 * tiny network: import, train (stopped and resumed), evaluate with pictures (also drawings shrunk onto paper),
 * export at half precision, fine-tune the export.
 */
class OpenMojiToShippedModelPipelineTest {

    @TempDir
    Path dir;

    @Test
    void importTrainResumeEvaluateAndExport() throws Exception {
        Path source = Path.of(getClass().getResource("/openmoji").toURI());
        Path data = dir.resolve("data");
        assertThat(ImportOpenMoji.run(new String[] {source.toString(), data.toString(), "--size", "64", "--pages", "2",
            "--validation-pages", "1", "--validation", "0.5"})).isZero();

        Path run = dir.resolve("run");
        String[] train = {data.toString(), run.toString(), "--steps", "4", "--batch", "2", "--size", "64",
            "--base-width", "8", "--levels", "5", "--checkpoint-minutes", "1000", "--validation-limit", "4"};
        assertThat(TrainColorizer.run(concat(train, "--until", "2"))).isZero();
        assertThat(lastStep(run)).isEqualTo(2);
        assertThat(TrainColorizer.run(train)).isZero(); // resumes from the checkpoint at step 2
        assertThat(lastStep(run)).isEqualTo(4);
        assertThat(run.resolve("best-model").resolve(ModelArtifact.MANIFEST)).exists();
        try (ModelArtifact model = ModelArtifact.load(run.resolve("model"), Device.cpu())) {
            assertThat(model.manifest().trainingSteps()).isEqualTo(4);
            assertThat(model.spec().takesHints()).isTrue();
        }

        Path quality = dir.resolve("quality");
        assertThat(EvaluateColorizer.run(new String[] {run.resolve("model").toString(), data.toString(),
            quality.toString(), "--drawings", "3", "--pages", "1"})).isZero();
        String table = Files.readString(quality.resolve("quality.md"));
        assertThat(table).contains("| model, automatic, region flats (default) |", "| model, automatic, per-pixel flats |",
                "| model, 8 hints, region flats (default) |", "| sketch as output |", "| oracle (true flats, region flats");
        assertThat(quality.resolve("drawings.png")).exists();
        assertThat(quality.resolve("page-1.png")).exists();
        Path small = dir.resolve("small");
        assertThat(EvaluateColorizer.run(new String[] {run.resolve("model").toString(), data.toString(),
            small.toString(), "--drawings", "3", "--pages", "0", "--figure-scale", "0.5", "--content-zoom", "0"}))
                .isZero();
        assertThat(sketchPsnr(small)).as("drawings shrunk onto paper").isGreaterThan(sketchPsnr(quality));

        Path shipped = dir.resolve("shipped");
        assertThat(ExportModel.run(new String[] {run.resolve("model").toString(), shipped.toString()})).isZero();
        assertThat(Files.size(shipped.resolve(ModelArtifact.WEIGHTS)))
                .isLessThan(Files.size(run.resolve("model").resolve(ModelArtifact.WEIGHTS)) * 6 / 10);
        ModelArtifact.load(shipped, Device.cpu()).close();

        // fine-tuning starts from the given model's weights, not from the seed's initialisation (here with hints
        // simulated in regions, whose loss weighs the hinted regions)
        Path tuned = dir.resolve("tuned");
        String[] fineTune = {data.toString(), tuned.toString(), "--from", shipped.toString(), "--steps", "1",
            "--lr", "1e-12", "--seed", "7", "--batch", "2", "--size", "64", "--base-width", "8", "--levels", "5",
            "--checkpoint-minutes", "1000", "--validation-limit", "4", "--hint-style", "regions"};
        assertThat(TrainColorizer.run(fineTune)).isZero();
        assertThat(firstWeights(tuned.resolve("model"))).containsExactly(firstWeights(shipped), within(1e-5f));
        assertThat(lastStep(tuned)).isEqualTo(1);
        String[] otherNetwork = fineTune.clone();
        otherNetwork[1] = dir.resolve("other").toString();
        otherNetwork[java.util.Arrays.asList(fineTune).indexOf("--base-width") + 1] = "4";
        assertThatThrownBy(() -> TrainColorizer.run(otherNetwork)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("expected");
    }

    /** The generator's first convolution's weights, as float32. */
    private static float[] firstWeights(Path model) throws Exception {
        try (ModelArtifact artifact = ModelArtifact.load(model, Device.cpu())) {
            return artifact.generator().getParameters().valueAt(0).getArray().toFloatArray();
        }
    }

    /** The sketch row's PSNR of the first table (drawings) in an evaluation's quality.md. */
    private static double sketchPsnr(Path quality) throws Exception {
        String row = Files.readAllLines(quality.resolve("quality.md")).stream()
                .filter(line -> line.startsWith("| sketch as output |")).findFirst().orElseThrow();
        return Double.parseDouble(row.split("\\|")[2].trim());
    }

    private static long lastStep(Path run) throws Exception {
        List<String> rows = Files.readAllLines(run.resolve("checkpoints.csv"));
        return Long.parseLong(rows.get(rows.size() - 1).split(",")[0]);
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
