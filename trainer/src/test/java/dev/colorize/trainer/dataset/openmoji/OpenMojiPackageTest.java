package dev.colorize.trainer.dataset.openmoji;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm tarball and its extracted folder read the same, catalogue fields included. */
class OpenMojiPackageTest {

    @TempDir
    Path dir;

    @Test
    void tarballAndFolderReadTheSame() throws IOException {
        OpenMojiPackage fromTarball = OpenMojiPackage.read(OpenMojiFixture.tarball(dir));
        OpenMojiPackage fromFolder = OpenMojiFixture.read();
        assertThat(fromTarball).isEqualTo(fromFolder);
        assertThat(fromTarball.version()).isEqualTo("17.0.0");
        assertThat(fromTarball.drawings()).hasSize(9);
        assertThat(fromTarball.missingSvg()).isZero();
        OpenMojiDrawing grin = fromTarball.drawings().get(0);
        assertThat(grin.hexcode()).isEqualTo("1F600");
        assertThat(grin.group()).isEqualTo("smileys-emotion");
        assertThat(grin.subgroups()).isEqualTo("face-smiling");
        assertThat(grin.author()).isEqualTo("Emily Jäger");
        assertThat(grin.colorSvg()).contains("<g id=\"color\">", "<g id=\"line\">");
        assertThat(grin.blackSvg()).contains("<g id=\"line\">").doesNotContain("<g id=\"color\">");
    }

    @Test
    void quotedCsvFieldsKeepTheirCommasAndQuotes() {
        List<Map<String, String>> rows = CsvTable.parse("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",3\n4,5\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("a", "1").containsEntry("b", "x, \"y\"\nz").containsEntry("c", "3");
        assertThat(rows.get(1)).containsEntry("c", "");
    }

    @Test
    void somethingElseIsRefused() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> OpenMojiPackage.read(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an OpenMoji package");
    }
}
