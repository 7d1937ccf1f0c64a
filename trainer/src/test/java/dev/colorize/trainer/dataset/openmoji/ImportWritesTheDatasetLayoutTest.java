package dev.colorize.trainer.dataset.openmoji;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.trainer.dataset.triplet.TripletAlignment;
import dev.colorize.trainer.dataset.triplet.TripletFilter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One import of the fixture tarball: flags and regional indicators are left out and counted, the files
 * follow the layout the training code reads, and the manifest and attribution say what is there.
 */
class ImportWritesTheDatasetLayoutTest {

    @TempDir
    static Path dir;

    private static ImportedDataset data;

    @BeforeAll
    static void importFixture() throws IOException {
        data = ImportedDataset.run(OpenMojiFixture.tarball(dir), dir.resolve("out"), 2, 1);
    }

    @Test
    void flagsAndRegionalIndicatorsAreDroppedAndCounted() throws IOException {
        assertThat(data.splitOfDrawing()).containsOnlyKeys(OpenMojiFixture.KEPT)
                .doesNotContainKeys(OpenMojiFixture.FLAG, OpenMojiFixture.REGIONAL_INDICATOR, OpenMojiFixture.PAINT_OVER_LINES);
        assertThat(data.report.dropped()).containsEntry(DrawingFilter.FLAGS_GROUP, 1)
                .containsEntry(DrawingFilter.REGIONAL_INDICATOR, 1).containsEntry(TripletFilter.NOT_SEPARABLE, 1)
                .hasSize(3);
        DrawingFilter filter = new DrawingFilter();
        assertThat(filter.byCatalogue(new OpenMojiDrawing("1F3F3-FE0F-200D-1F308", "extras-openmoji", "flags", "A", "", null)))
                .contains(DrawingFilter.FLAG_SUBGROUP);
        assertThat(filter.byCatalogue(new OpenMojiDrawing("1F3F4-E0067-E0062-E0065-E006E-E0067-E007F", "extras-unicode",
                "subdivision-flag", "A", "", null))).contains(DrawingFilter.FLAG_SUBGROUP);
        assertThat(filter.byCatalogue(OpenMojiFixture.drawing("1F600"))).isEmpty();
    }

    @Test
    void drawingsArePngTripletsOfTheChosenSize() throws IOException {
        for (String hex : OpenMojiFixture.KEPT) {
            String split = data.splitOfDrawing().get(hex);
            Path folder = data.out.resolve("drawings").resolve(split);
            BufferedImage lines = ImageIO.read(folder.resolve(hex + ".lines.png").toFile());
            BufferedImage flats = ImageIO.read(folder.resolve(hex + ".flats.png").toFile());
            BufferedImage color = ImageIO.read(folder.resolve(hex + ".color.png").toFile());
            assertThat(lines.getType()).as(hex).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            assertThat(flats.getColorModel().getNumComponents()).isEqualTo(3);
            assertThat(color.getColorModel().hasAlpha()).isFalse();
            assertThat(List.of(lines.getWidth(), lines.getHeight(), color.getWidth(), flats.getHeight()))
                    .containsOnly(128);
            assertThat(TripletAlignment.meanAbsoluteError(lines, flats, color)).as(hex).isLessThan(0.1);
        }
    }

    @Test
    void manifestHasTheAgreedFields() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(data.out.resolve("manifest.json").toFile());
        List<String> fields = new ArrayList<>();
        manifest.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("source", "version", "license", "size", "drawings", "pages", "authors",
                "dropped", "validationFraction", "seed");
        assertThat(manifest.get("source").asText()).isEqualTo("openmoji-test.tgz");
        assertThat(manifest.get("version").asText()).isEqualTo("17.0.0");
        assertThat(manifest.get("license").asText()).isEqualTo("CC BY-SA 4.0");
        assertThat(manifest.get("size").asInt()).isEqualTo(128);
        assertThat(manifest.at("/drawings/train").asInt()).isEqualTo(4);
        assertThat(manifest.at("/drawings/validation").asInt()).isEqualTo(2);
        assertThat(manifest.at("/pages/train").asInt()).isEqualTo(2);
        assertThat(manifest.at("/pages/validation").asInt()).isEqualTo(1);
        assertThat(manifest.at("/authors/train").asInt()).isEqualTo(3);
        assertThat(manifest.at("/authors/validation").asInt()).isEqualTo(2);
        assertThat(manifest.at("/dropped/flags-group").asInt()).isEqualTo(1);
        assertThat(manifest.get("validationFraction").asDouble()).isEqualTo(0.1);
        assertThat(manifest.get("seed").asLong()).isEqualTo(7);
        assertThat(data.names("pages", "train")).containsExactly("page-00001", "page-00002");
        assertThat(data.names("pages", "validation")).containsExactly("page-00001");
    }

    @Test
    void attributionCreditsOpenMojiAndEveryAuthor() throws IOException {
        String md = Files.readString(data.out.resolve("ATTRIBUTION.md"));
        assertThat(md).contains("https://openmoji.org", "CC BY-SA 4.0", "| Emily Jäger | 2 | train |",
                "| Nicole Kornhaas | 1 | validation |", "| Laura Dworatschek | 1 | validation |");
        assertThat(md).doesNotContain("Ferdinand Sorg", "Jose Avila");
    }

    @Test
    void aSecondImportReplacesTheFirst() throws IOException {
        Path out = dir.resolve("again");
        ImportedDataset.run(OpenMojiFixture.tarball(dir), out, 1, 0);
        ImportedDataset again = ImportedDataset.run(OpenMojiFixture.tarball(dir), out, 0, 0);
        assertThat(again.names("pages", "train")).isEmpty();
        assertThat(again.splitOfDrawing()).hasSize(6);
    }
}
