package dev.colorize.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.artifact.RegionMetricFile;
import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.testing.ReferenceFigures;
import dev.colorize.ml.testing.TinyModels;
import dev.colorize.platform.hashing.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * {@code fit-region-metric} on a dataset laid out as import-openmoji writes it, whose person drawings of one skin tone
 * in several activities are the chapters: a dry run writes nothing, a real one writes the metric for the model's
 * weights, which the model then loads with; a dataset without chapters and a zipped model are refused.
 */
class FitRegionMetricCommandTest {

    @TempDir
    Path dir;

    /** {cx, top, scale, coat height} of each activity's drawing of the character. */
    private static final double[][] ACTIVITIES = {{90, 40, 1.4, 80}, {160, 70, 1.0, 60}, {120, 30, 1.2, 100},
        {70, 90, 0.9, 70}};
    private static final String[] ACTIVITY_CODES = {"1F33E", "1F373", "1F393", "1F3A4"};

    private Path dataset() throws Exception {
        OpenCvNative.ensureLoaded();
        Path data = dir.resolve("openmoji");
        for (String split : new String[] {"train", "validation"}) {
            Path folder = Files.createDirectories(data.resolve("drawings").resolve(split));
            for (String tone : new String[] {"1F3FB", "1F3FC"}) {
                for (int a = 0; a < ACTIVITIES.length; a++) {
                    double[] d = ACTIVITIES[a];
                    String name = "1F9D1-" + tone + "-200D-" + ACTIVITY_CODES[a];
                    Mat colored = ReferenceFigures.figure(256, 256, d[0], d[1], d[2], d[3], true);
                    Mat lines = ReferenceFigures.figure(256, 256, d[0], d[1], d[2], d[3], false);
                    Imgcodecs.imwrite(folder.resolve(name + ".color.png").toString(), colored);
                    Imgcodecs.imwrite(folder.resolve(name + ".flats.png").toString(), colored);
                    Imgcodecs.imwrite(folder.resolve(name + ".lines.png").toString(), lines);
                }
            }
        }
        return data;
    }

    @Test
    void aDryRunWritesNothingAndARealOneWritesTheMetricTheModelLoads() throws Exception {
        Path model = TinyModels.trainedArtifact(dir, 5, 4);
        Path data = dataset();

        assertThat(FitRegionMetric.run(new String[] {model.toString(), data.toString(), "--dry-run"})).isZero();
        assertThat(model.resolve(RegionMetricFile.FILE)).doesNotExist();

        assertThat(FitRegionMetric.run(new String[] {model.toString(), data.toString()})).isZero();
        assertThat(model.resolve(RegionMetricFile.FILE)).exists();
        try (ModelArtifact loaded = ModelArtifact.load(model, Device.cpu())) {
            RegionMetricFile metric = loaded.regionMetric().orElseThrow();
            assertThat(metric.weightsSha256()).isEqualTo(Sha256.hex(model.resolve(ModelArtifact.WEIGHTS)));
            assertThat(metric.fittedOn()).contains("training chapters (2)");
            assertThat(metric.maxDistance()).isPositive();
        }
    }

    @Test
    void aDatasetWithoutChaptersAndAZippedModelAreRefused() throws Exception {
        Path model = TinyModels.trainedArtifact(dir, 5, 4);
        Path empty = Files.createDirectories(dir.resolve("empty").resolve("drawings").resolve("train")).getParent()
                .getParent();
        assertThatThrownBy(() -> FitRegionMetric.run(new String[] {model.toString(), empty.toString()}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no training chapters");
        assertThat(model.resolve(RegionMetricFile.FILE)).doesNotExist();

        Path zip = dir.resolve("model.zip");
        ModelArtifact.zip(model, zip);
        assertThatThrownBy(() -> FitRegionMetric.run(new String[] {zip.toString(), dataset().toString()}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("artifact folder");
    }
}
