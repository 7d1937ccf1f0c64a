package dev.colorize.ingest.upload;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.platform.errors.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The image parts of a series reference, inspected as pages are ({@link PageInspector}: format and size from the
 * header, the page limits, the container checked to its end and bytes after it cut off, nothing decoded): part
 * {@code colored} (required) and part {@code lines} (optional: the same picture's line art, so of the same aspect).
 * Every refusal names the part and its file. The parts hold their bytes in the service's {@link SpoolBudget} until the
 * returned {@link Inspected} is closed.
 */
@ApplicationScoped
public class ReferenceImages {

    public static final String COLORED_PART = "colored";
    public static final String LINES_PART = "lines";

    /** The inspected images (lines null when not given), on disk as Quarkus spooled them. */
    public record Inspected(InspectedPage colored, InspectedPage lines, UploadSpool spool) implements AutoCloseable {

        @Override
        public void close() {
            spool.close();
        }
    }

    private final PageInspector inspector;
    private final IngestConfig.Upload limits;
    private final IngestConfig.References references;
    private final SpoolBudget budget;
    private final SpoolFolders folders;

    public ReferenceImages(PageInspector inspector, IngestConfig config, SpoolBudget budget, SpoolFolders folders) {
        this.inspector = inspector;
        this.limits = config.upload();
        this.references = config.references();
        this.budget = budget;
        this.folders = folders;
    }

    public Inspected read(List<FileUpload> files) {
        List<FileUpload> colored = files.stream().filter(f -> COLORED_PART.equals(f.name())).toList();
        List<FileUpload> lines = files.stream().filter(f -> LINES_PART.equals(f.name())).toList();
        if (colored.size() + lines.size() != files.size()) {
            FileUpload other = files.stream().filter(f -> !COLORED_PART.equals(f.name()) && !LINES_PART.equals(f.name()))
                    .findFirst().orElseThrow();
            throw refused("unknown-part", other.name(), other.fileName(), "File parts are named '" + COLORED_PART
                    + "' (the colored image) and '" + LINES_PART + "' (its line art, optional), not '" + other.name() + "'");
        }
        if (colored.isEmpty()) {
            throw refused("missing-colored", COLORED_PART, null, "Send the colored image as a '" + COLORED_PART
                    + "' file part (PNG, JPEG or WebP)");
        }
        if (colored.size() > 1 || lines.size() > 1) {
            String part = colored.size() > 1 ? COLORED_PART : LINES_PART;
            throw refused("repeated-part", part, null, "Send one '" + part + "' file part, not several");
        }
        UploadSpool spool = new UploadSpool(budget, folders);
        try {
            InspectedPage coloredImage = inspect(colored.get(0), spool);
            InspectedPage linesImage = lines.isEmpty() ? null : inspect(lines.get(0), spool);
            if (linesImage != null) {
                checkAspect(coloredImage, linesImage);
            }
            return new Inspected(coloredImage, linesImage, spool);
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    private InspectedPage inspect(FileUpload part, UploadSpool spool) {
        String what = "The '" + part.name() + "' file";
        try {
            PageFileNames.check(part.fileName(), null, what);
            if (part.size() > limits.maxPageBytes()) {
                throw PageRejectedException.tooLarge("image-too-large", null, part.fileName(), part.name(), what + " '"
                        + part.fileName() + "' has " + part.size() + " bytes, more than the limit of "
                        + limits.maxPageBytes());
            }
            spool.hold(part.size(), part.fileName());
            return inspector.inspect(1, new PageSource(part.fileName(), part.uploadedFile(), part.size()));
        } catch (Refused r) {
            // the page checks speak of "Page 1": say which part and file instead
            String detail = r.getMessage() == null ? what : r.getMessage().replaceFirst("^Page 1\\b",
                    what + (part.fileName() == null ? "" : " '" + part.fileName() + "'"));
            throw new Refused(r.reason(), r.code(), detail, null, part.fileName(), part.name(), r.retryAfter());
        }
    }

    /** Line art of another aspect is another picture: its lines would fall beside the colored regions. */
    private void checkAspect(InspectedPage colored, InspectedPage lines) {
        double coloredAspect = (double) colored.width() / colored.height();
        double linesAspect = (double) lines.width() / lines.height();
        if (Math.abs(linesAspect - coloredAspect) > references.aspectTolerance() * coloredAspect) {
            throw refused("lines-aspect-mismatch", LINES_PART, lines.fileName(), "The '" + LINES_PART + "' file '"
                    + lines.fileName() + "' is " + lines.width() + "x" + lines.height() + ", not of the aspect of the '"
                    + COLORED_PART + "' file '" + colored.fileName() + "' (" + colored.width() + "x" + colored.height()
                    + "): line art must be of the same picture");
        }
    }

    private static Refused refused(String code, String part, String file, String detail) {
        return new Refused(Refused.Reason.UPLOAD_REJECTED, code, detail, null, file, part);
    }
}
