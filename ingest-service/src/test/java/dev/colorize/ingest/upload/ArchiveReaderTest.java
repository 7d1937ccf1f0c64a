package dev.colorize.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.colorize.ingest.config.IngestConfigs;
import dev.colorize.rest.ApiProblem;
import dev.colorize.rest.ApiProblemException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveReaderTest {

    private final ArchiveReader reader = new ArchiveReader(IngestConfigs.of(Map.of()));

    @TempDir
    Path folder;

    @Test
    void pagesComeInNaturalOrderAndOtherEntriesAreSkipped() throws IOException {
        Path zip = zip("ch/10.png", "ch/2.png", "ch/1.png", "ComicInfo.xml", "Icon\r", "__MACOSX/ch/._1.png");
        assertThat(reader.read(zip, "c.cbz")).extracting(PageSource::fileName)
                .containsExactly("ch/1.png", "ch/2.png", "ch/10.png");
    }

    @Test
    void aPageEntryNameOverTheLengthCapIsRefusedNamingTheEntry() throws IOException {
        String longName = "9".repeat(65_000) + ".png";
        ApiProblem problem = refused(zip("1.png", longName, "2.png"));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).endsWith("/invalid-file-name");
        assertThat(problem.detail()).contains("65004 characters").contains("255");
        assertThat(problem.file()).startsWith("99999").hasSizeLessThan(300);
    }

    @Test
    void aPageEntryNameWithAControlCharacterIsRefusedNamingTheEntry() throws IOException {
        ApiProblem problem = refused(zip("1.png", "2\u0000.png"));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).endsWith("/invalid-file-name");
        assertThat(problem.detail()).contains("U+0000");
        assertThat(problem.file()).isEqualTo("2\\u0000.png");
    }

    private ApiProblem refused(Path zip) {
        return catchThrowableOfType(ApiProblemException.class, () -> reader.read(zip, "c.cbz")).problem();
    }

    private Path zip(String... names) throws IOException {
        Path file = Files.createTempFile(folder, "archive", ".cbz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : List.of(names)) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.getBytes());
                zip.closeEntry();
            }
        }
        return file;
    }
}
