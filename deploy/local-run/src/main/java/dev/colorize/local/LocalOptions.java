package dev.colorize.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the local run does.
 *
 * @param input           a folder of page images or a CBZ/ZIP; null colors the sample chapter (four pages of OpenMoji line art, see resources/sample-chapter)
 * @param output          where the colored pages, chapter.cbz and summary.json go
 * @param data            the stack's data and the local run's state (admin key, publisher), kept across runs
 * @param projectRoot     the checkout, whose services' target/quarkus-app are started
 * @param bootstrapSpec   the network of a bootstrap model, as the trainer's RunRequest takes it
 * @param bootstrapSteps  steps of a bootstrap run, bounded by {@code bootstrapBudget}
 * @param coloringTimeout how long to wait for the chapter once uploaded
 * @param bootstrap       train a bootstrap model instead of registering the shipped default model
 * @param layers          also ask for each page's layers, and write its OpenRaster (.ora) and Photoshop (.psd) files
 *                        beside it
 * @param hints           a folder of color hints named after the pages ({@code <page stem>.hints.png} or
 *                        {@code .hints.json}), uploaded with them; null for automatic coloring
 * @param perPixelFlats   the worker keeps the network's per-pixel flats instead of region flats
 * @param references      a folder of colored reference images ({@code NAME.png}, {@code .jpg}, {@code .webp}; a
 *                        {@code NAME.lines.png} beside one is its line art), stored as the references of series
 *                        {@link #SERIES} before the chapter is uploaded as a chapter of it; null for none
 */
record LocalOptions(Path input, Path output, Path data, Path projectRoot, Map<String, Object> bootstrapSpec,
        long bootstrapSteps, Duration bootstrapBudget, int bootstrapImages, Duration coloringTimeout,
        boolean bootstrap, boolean layers, Path hints, boolean perPixelFlats, Path references) {

    /** The series of the local run's chapters when they have references: its references are those of --reference. */
    static final String SERIES = "local";

    /** Without references. */
    LocalOptions(Path input, Path output, Path data, Path projectRoot, Map<String, Object> bootstrapSpec,
            long bootstrapSteps, Duration bootstrapBudget, int bootstrapImages, Duration coloringTimeout,
            boolean bootstrap, boolean layers, Path hints, boolean perPixelFlats) {
        this(input, output, data, projectRoot, bootstrapSpec, bootstrapSteps, bootstrapBudget, bootstrapImages,
                coloringTimeout, bootstrap, layers, hints, perPixelFlats, null);
    }

    /** A colored reference image and its line art (null: the service reads it from the image's ink). */
    record ReferenceImage(Path colored, Path lines) {
    }

    /**
     * The paper's layer pattern at half its widths and 128 px: a bootstrap run fits some thousand steps in
     * its budget, and the colors only need low resolution (the page's lines are laid over them at full size).
     */
    static Map<String, Object> starterSpec() {
        return spec(32, 7, 128, Set.of(0, 1, 2));
    }

    static Map<String, Object> spec(int baseWidth, int levels, int imageSize, Set<Integer> dropoutLayers) {
        return Map.of("inputChannels", 1, "outputChannels", 3, "baseWidth", baseWidth, "levels", levels,
                "imageSize", imageSize, "dropoutDecoderLayers", dropoutLayers, "normalization", "BATCH",
                "discriminatorLayers", 3);
    }

    static LocalOptions parse(String[] args, Path projectRoot) {
        Path input = null;
        Path output = Path.of("colorized");
        Path data = projectRoot.resolve(".colorize-data");
        long budgetSeconds = 180;
        boolean bootstrap = false;
        boolean layers = false;
        boolean perPixelFlats = false;
        Path hints = null;
        Path references = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new UsageException(null);
            }
            if (flag.equals("--bootstrap")) {
                bootstrap = true;
                continue;
            }
            if (flag.equals("--layers")) {
                layers = true;
                continue;
            }
            if (flag.equals("--per-pixel-flats")) {
                perPixelFlats = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--input" -> {
                    input = Path.of(value).toAbsolutePath();
                    if (!java.nio.file.Files.isDirectory(input) && !java.nio.file.Files.isRegularFile(input)) {
                        throw new UsageException("--input " + value + " is neither a folder of pages nor a CBZ/ZIP file");
                    }
                }
                case "--hints" -> {
                    hints = Path.of(value).toAbsolutePath();
                    if (!java.nio.file.Files.isDirectory(hints)) {
                        throw new UsageException("--hints " + value + " is not a folder of hint files");
                    }
                }
                case "--reference" -> {
                    references = Path.of(value).toAbsolutePath();
                    if (!Files.isDirectory(references)) {
                        throw new UsageException("--reference " + value
                                + " is not a folder of colored reference images");
                    }
                    referenceImages(references); // refuses a folder without images, or line art without its image
                }
                case "--output" -> output = Path.of(value);
                case "--data" -> data = Path.of(value);
                case "--bootstrap-seconds" -> budgetSeconds = Long.parseLong(value);
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        return new LocalOptions(input, output.toAbsolutePath(), data.toAbsolutePath(), projectRoot, starterSpec(),
                100_000, Duration.ofSeconds(budgetSeconds), 64, Duration.ofMinutes(30), bootstrap, layers, hints,
                perPixelFlats, references);
    }

    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".webp");
    private static final String LINES = ".lines";

    /**
     * The reference images of a --reference folder, by file name: every colored image (PNG, JPEG, WebP) with the
     * {@code NAME.lines.png} (or .jpg, .webp) beside it as its line art. Other files are not read.
     *
     * @throws UsageException when the folder holds no colored image, or line art whose colored image is not there
     */
    static List<ReferenceImage> referenceImages(Path folder) {
        Map<String, Path> colored = new LinkedHashMap<>(); // by stem
        Map<String, Path> lines = new LinkedHashMap<>(); // by the stem of their colored image
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                String extension = IMAGE_EXTENSIONS.stream().filter(lower::endsWith).findFirst().orElse(null);
                if (extension == null || name.startsWith(".")) {
                    continue;
                }
                String stem = name.substring(0, name.length() - extension.length());
                if (stem.toLowerCase(Locale.ROOT).endsWith(LINES)) {
                    lines.put(stem.substring(0, stem.length() - LINES.length()), file);
                } else if (colored.putIfAbsent(stem, file) != null) {
                    throw new UsageException("--reference " + folder + " has two images named " + stem + " ("
                            + colored.get(stem).getFileName() + ", " + name + "): which one " + stem
                            + ".lines.png belongs to is unclear; keep one");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, Path> l : lines.entrySet()) {
            if (!colored.containsKey(l.getKey())) {
                throw new UsageException("--reference " + folder + ": " + l.getValue().getFileName()
                        + " is line art without its colored image (" + l.getKey() + ".png, .jpg or .webp beside it)");
            }
        }
        if (colored.isEmpty()) {
            throw new UsageException("--reference " + folder + " holds no colored images (PNG, JPEG or WebP)");
        }
        List<ReferenceImage> images = new ArrayList<>();
        colored.forEach((stem, file) -> images.add(new ReferenceImage(file, lines.get(stem))));
        return images;
    }

    static final String USAGE = """
            usage: deploy/colorize-local.sh [--input PATH] [--hints DIR] [--reference DIR] [--output DIR] [--data DIR] [--layers] [--per-pixel-flats] [--bootstrap] [--bootstrap-seconds N]
              --input   a folder of page images (PNG/JPEG/WebP) or a .cbz/.zip; default: the sample chapter (4 pages of real line
                        art by OpenMoji authors the model never trained on)
              --hints   a folder of color hints named after the pages: 001.hints.png (colored dots on transparent, the
                        page's aspect) or 001.hints.json ([{"x":..,"y":..,"color":"#rrggbb"}] in page pixels) for 001.png
              --reference  a folder of colored reference art (PNG/JPEG/WebP colored pages or character sheets;
                        aiko.lines.png beside aiko.png is its line art, else it is read from the ink): stored as the
                        references of series "local" (replacing those of an earlier run) before the chapter is
                        uploaded as a chapter of that series, whose regions then follow the references' colors where
                        they match; the summary says how many did
              --output  where colored pages, chapter.cbz and summary.json go (default: ./colorized)
              --per-pixel-flats  the worker keeps the network's per-pixel flats instead of region flats (the default)
              --layers  also write each page's layers as an OpenRaster and a Photoshop file beside it
                        (pages/page-0001.ora for Krita, GIMP, MyPaint; pages/page-0001.psd for Clip Studio Paint,
                        Photoshop: lines on multiply over flat colors)
              --data    the embedded stack's data and the local publisher, kept across runs (default: .colorize-data)
              --bootstrap  on a fresh registry, train a quick bootstrap model instead of using the shipped default model
              --bootstrap-seconds  training budget of that bootstrap (default: 180)""";

    /** Bad arguments: the message (or none for --help) and the usage text. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
