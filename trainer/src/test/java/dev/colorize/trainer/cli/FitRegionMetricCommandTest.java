package dev.colorize.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.artifact.RegionMetricFile;
import dev.colorize.ml.testing.TinyModels;
import dev.colorize.platform.hashing.Sha256;
import dev.colorize.trainer.ChapterDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit-region-metric} on a dataset laid out as import-openmoji writes it, whose person drawings of one skin tone
 * in several activities are the chapters: a dry run writes nothing, a real one writes the metric for the model's
 * weights, which the model then loads with; a dataset without chapters and a zipped model are refused.
 */
class FitRegionMetricCommandTest {

    @TempDir
    Path dir;

    @Test
    void aDryRunWritesNothingAndARealOneWritesTheMetricTheModelLoads() throws Exception {
        Path model = TinyModels.trainedArtifact(dir, 5, 4);
        Path data = ChapterDatasets.write(dir.resolve("openmoji"));

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
        Path data = ChapterDatasets.write(dir.resolve("openmoji"));
        assertThatThrownBy(() -> FitRegionMetric.run(new String[] {zip.toString(), data.toString()}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("artifact folder");
    }
}
