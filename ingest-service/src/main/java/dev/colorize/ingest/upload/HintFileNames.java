package dev.colorize.ingest.upload;

import java.util.Locale;
import java.util.Optional;

/**
 * How hint files are named beside their pages: {@code <page file stem>.hints.png} (a hint image) or
 * {@code <page file stem>.hints.json} (points), e.g. {@code 003.hints.png} for {@code 003.jpg}; in an archive,
 * in the page's folder.
 */
public final class HintFileNames {

    /** A hint file's name, read: the stem of the page it belongs to and whether it holds points. */
    public record HintName(String pageStem, boolean points) {
    }

    private static final String IMAGE_SUFFIX = ".hints.png";
    private static final String POINTS_SUFFIX = ".hints.json";

    private HintFileNames() {
    }

    /** The hint file's page stem and kind, or empty when the name is not a hint file's. */
    public static Optional<HintName> parse(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {IMAGE_SUFFIX, POINTS_SUFFIX}) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return Optional.of(new HintName(fileName.substring(0, fileName.length() - suffix.length()),
                        suffix.equals(POINTS_SUFFIX)));
            }
        }
        return Optional.empty();
    }

    public static boolean isHintFile(String fileName) {
        return parse(fileName).isPresent();
    }

    /** A page's file name without its extension, which its hint files are named after. */
    public static String stem(String pageFileName) {
        if (pageFileName == null) {
            return null;
        }
        int dot = pageFileName.lastIndexOf('.');
        return dot > pageFileName.lastIndexOf('/') ? pageFileName.substring(0, dot) : pageFileName;
    }
}
