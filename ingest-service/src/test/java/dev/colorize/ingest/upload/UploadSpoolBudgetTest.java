package dev.colorize.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.config.IngestConfigs;
import dev.colorize.rest.ApiProblem;
import dev.colorize.platform.errors.Refused;
import dev.colorize.rest.ApiProblemMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads in work share the service's spool budget: what would pass it is refused whole, and ending frees it. */
class UploadSpoolBudgetTest {

    @TempDir
    Path uploads;

    private SpoolFolders folders;

    @AfterEach
    void closeFolders() {
        folders.close();
    }

    @Test
    void twoArchivesThatTogetherPassTheBudgetGetOneAcceptedAndOneRefusedAndTheBudgetIsFreeAfterwards()
            throws IOException {
        FileUpload first = archive("first.cbz", 3);
        FileUpload second = archive("second.cbz", 3);
        long eachNeeds = first.size() + 3L * png().length;
        SpoolBudget budget = budget(2 * eachNeeds - 1);
        MultipartPages pages = pages(budget);

        try (UploadedPages accepted = pages.read(List.of(first))) {
            assertThat(accepted.pages()).hasSize(3);
            assertThat(budget.inUse()).isEqualTo(eachNeeds);

            Refused refusal = catchThrowableOfType(Refused.class,
                    () -> pages.read(List.of(second)));

            assertThat(refusal).as("the second upload, which would pass the budget, is refused").isNotNull();
            ApiProblem problem = ApiProblem.of(refusal);
            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.type()).endsWith("/spool-full");
            assertThat(problem.file()).isEqualTo("second.cbz");
            assertThat(problem.detail()).contains("second.cbz").contains("of its " + (2 * eachNeeds - 1))
                    .contains("Nothing of this upload was stored");
            Response response = ApiProblemMapper.response(refusal);
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
            assertThat(spoolFolders()).as("only the accepted upload's folder is left").hasSize(1);
            assertThat(budget.inUse()).as("the refused upload gave its bytes back").isEqualTo(eachNeeds);
        }

        assertThat(budget.inUse()).isZero();
        assertThat(spoolFolders()).isEmpty();
        try (UploadedPages acceptedNow = pages.read(List.of(second))) {
            assertThat(acceptedNow.pages()).hasSize(3);
        }
    }

    @Test
    void pagePartsHoldTheirBytesWhileTheirUploadIsInWork() throws IOException {
        FileUpload page = part("pages", "1.png", Files.write(uploads.resolve("part-1"), png()));
        SpoolBudget budget = budget(page.size() + 10);
        MultipartPages pages = pages(budget);

        try (UploadedPages accepted = pages.read(List.of(page))) {
            assertThat(budget.inUse()).isEqualTo(page.size());

            Refused refusal = catchThrowableOfType(Refused.class,
                    () -> pages.read(List.of(page)));

            assertThat(refusal).as("the same part again, which would pass the budget, is refused").isNotNull();
            assertThat(ApiProblem.of(refusal).status()).isEqualTo(503);
            assertThat(ApiProblem.of(refusal).file()).isEqualTo("1.png");
        }
        assertThat(budget.inUse()).isZero();
    }

    private SpoolBudget budget(long bytes) {
        return new SpoolBudget(config(bytes), new SimpleMeterRegistry());
    }

    private static IngestConfig config(long budgetBytes) {
        return IngestConfigs.of(Map.of("colorize.ingest.upload.spool-budget-bytes", "" + budgetBytes));
    }

    private MultipartPages pages(SpoolBudget budget) {
        IngestConfig config = IngestConfigs.of(Map.of());
        PageLimits limits = new PageLimits(config);
        PageInspector inspector = new PageInspector(limits);
        HintInspector hints = new HintInspector(limits, inspector, config);
        folders = new SpoolFolders(uploads.resolve(SpoolFolders.ROOT));
        return new MultipartPages(new ArchiveReader(config, limits, inspector, hints), inspector, limits, hints,
                config, budget, folders);
    }

    /** The upload folders under this process's spool folder. */
    private List<Path> spoolFolders() {
        try (Stream<Path> files = Files.list(folders.own())) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FileUpload archive(String name, int pages) throws IOException {
        Path file = uploads.resolve(name + ".part");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 1; i <= pages; i++) {
                zip.putNextEntry(new ZipEntry(i + ".png"));
                zip.write(png());
                zip.closeEntry();
            }
        }
        return part("archive", name, file);
    }

    /** A 3x3 PNG. */
    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static FileUpload part(String name, String fileName, Path file) throws IOException {
        return new SpooledPart(name, fileName, file, Files.size(file));
    }

    /** A part as Quarkus hands it over once spooled. */
    private record SpooledPart(String name, String fileName, Path filePath, long size) implements FileUpload {

        @Override
        public String contentType() {
            return "application/octet-stream";
        }

        @Override
        public String charSet() {
            return null;
        }

        @Override
        public MultivaluedMap<String, String> getHeaders() {
            return new MultivaluedHashMap<>();
        }
    }
}
