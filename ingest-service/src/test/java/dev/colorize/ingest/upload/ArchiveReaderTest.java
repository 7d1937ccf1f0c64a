package dev.colorize.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.config.IngestConfigs;
import dev.colorize.rest.ApiProblem;
import dev.colorize.platform.errors.Refused;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveReaderTest {

    private final ArchiveReader reader = reader(Map.of());

    @TempDir
    Path folder;

    SpoolFolders folders;

    UploadSpool spool;

    @BeforeEach
    void createSpool() {
        folders = new SpoolFolders(folder.resolve(SpoolFolders.ROOT));
        spool = new UploadSpool(new SpoolBudget(IngestConfigs.of(Map.of()), new SimpleMeterRegistry()), folders);
    }

    @AfterEach
    void removeSpool() {
        spool.close();
        folders.close();
    }

    @Test
    void pagesComeInNaturalOrderAndOtherEntriesAreSkipped() throws IOException {
        Path zip = zip("ch/10.png", "ch/2.png", "ch/1.png", "ComicInfo.xml", "Icon\r", "__MACOSX/ch/._1.png");
        assertThat(reader.read(zip, "c.cbz", spool).pages()).extracting(InspectedPage::fileName)
                .containsExactly("ch/1.png", "ch/2.png", "ch/10.png");
    }

    @Test
    void inflatedPagesAreInspectedFilesInTheSpoolFolder() throws IOException {
        List<InspectedPage> pages = reader.read(zip("a.png", "b.png"), "c.cbz", spool).pages();
        assertThat(pages).extracting(InspectedPage::width).containsExactly(3, 3);
        assertThat(pages).allSatisfy(p -> {
            assertThat(p.file().getParent().getParent()).isEqualTo(folders.own());
            assertThat(Files.readAllBytes(p.file())).isEqualTo(png());
            assertThat(p.size()).isEqualTo(png().length);
        });
    }

    @Test
    void theArchiveTotalIsCountedAsEntriesInflateAndNamesTheEntryThatPassesIt() throws IOException {
        long limit = 2L * png().length + 10;
        ArchiveReader small = reader(Map.of("colorize.ingest.upload.max-archive-uncompressed-bytes", "" + limit));
        ApiProblem problem = ApiProblem.of(catchThrowableOfType(Refused.class,
                () -> small.read(zip("1.png", "2.png", "3.png"), "c.cbz", spool)));
        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).endsWith("/archive-too-large");
        assertThat(problem.page()).isEqualTo(3);
        assertThat(problem.detail()).contains("3.png").contains("uncompressed limit of " + limit);
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

    @Test
    void aCentralDirectoryLargerThanItsLimitIsRefusedFromTheEndRecordBeforeTheArchiveIsOpened() throws IOException {
        // 80 entry comments of 60000 bytes: 4.8 MB of central directory, which opening the archive reads into the heap
        Path file = Files.createTempFile(folder, "archive", ".cbz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 1; i <= 80; i++) {
                ZipEntry entry = new ZipEntry(i + ".png");
                entry.setComment("c".repeat(60_000));
                zip.putNextEntry(entry);
                zip.write(png());
                zip.closeEntry();
            }
        }

        ApiProblem problem = refused(file);

        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).endsWith("/archive-directory-too-large");
        assertThat(problem.file()).isEqualTo("c.cbz");
        assertThat(problem.detail()).contains("more than the limit of 4194304");
    }

    @Test
    void anEntryCountOverTheLimitIsRefusedFromTheEndRecord() throws IOException {
        ArchiveReader few = reader(Map.of("colorize.ingest.upload.max-archive-entries", "2"));
        ApiProblem problem = ApiProblem.of(catchThrowableOfType(Refused.class,
                () -> few.read(zip("1.png", "2.png", "3.png"), "c.cbz", spool)));
        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).endsWith("/too-many-entries");
        assertThat(problem.detail()).contains("3 entries");
    }

    private ApiProblem refused(Path zip) {
        return ApiProblem.of(catchThrowableOfType(Refused.class, () -> reader.read(zip, "c.cbz", spool)));
    }

    private Path zip(String... names) throws IOException {
        Path file = Files.createTempFile(folder, "archive", ".cbz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : List.of(names)) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.endsWith(".png") ? png() : name.getBytes());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** A 3x3 PNG. */
    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static ArchiveReader reader(Map<String, String> properties) {
        IngestConfig config = IngestConfigs.of(properties);
        PageLimits limits = new PageLimits(config);
        PageInspector inspector = new PageInspector(limits);
        return new ArchiveReader(config, limits, inspector, new HintInspector(limits, inspector, config));
    }
}
