package dev.colorize.trainer.dataset.openclipart;

import dev.colorize.platform.hashing.Sha256;
import dev.colorize.trainer.dataset.Split;
import dev.colorize.trainer.dataset.triplet.AttributionFile;
import dev.colorize.trainer.dataset.triplet.DrawingTriplet;
import dev.colorize.trainer.dataset.triplet.ImportManifest;
import dev.colorize.trainer.dataset.triplet.Pixels;
import dev.colorize.trainer.dataset.triplet.ResumableRendering;
import dev.colorize.trainer.dataset.triplet.SvgRasterizer;
import dev.colorize.trainer.dataset.triplet.TripletAlignment;
import dev.colorize.trainer.dataset.triplet.TripletFiles;
import dev.colorize.trainer.dataset.triplet.TripletFilter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns openclipart's SVGs (Debian {@code openclipart-svg}: {@code /usr/share/openclipart/svg}, or the folder
 * {@code dpkg-deb -x} extracts it to) into a triplet dataset in the OpenMoji import's layout
 * ({@code OUT/drawings/{train,validation}/NAME.{lines,flats,color}.png}, {@code manifest.json},
 * {@code ATTRIBUTION.md}; no pages): the drawing's near-black paints are the line art, its other paints the
 * flats ({@link InkSplit}), the drawing itself the composite. Split by author (the file's Dublin Core
 * creator). Resumable. Dropped, by reason: {@value #DUPLICATE} (the package has many drawings under two
 * categories, as links or copies), {@value #FLAG}s, {@link ClipartContent}'s reasons, render errors, near-empty flats or ink
 * ({@link TripletFilter}; no ink: {@code near-empty-lines}), layers that do not multiply back into the
 * drawing, and {@value #COLORLESS} drawings (under 2 % of the flats in color).
 */
public final class OpenClipartImporter {

    public static final String DUPLICATE = "duplicate";
    public static final String COLORLESS = "colorless";
    public static final String FLAG = "flag";
    public static final String UNKNOWN_AUTHOR = "unknown";
    private static final double MIN_COLORED = 0.02;
    private static final int CHROMA = 30;
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    /** The root's opening tag, unprefixed (a prefixed root declares its namespace to be prefixed at all). */
    private static final Pattern ROOT_TAG = Pattern.compile("<svg[\\s>][^>]*>");

    private final SvgRasterizer rasterizer;
    private final PrintStream log;

    public OpenClipartImporter(SvgRasterizer rasterizer, PrintStream log) {
        this.rasterizer = rasterizer;
        this.log = log;
    }

    public OpenClipartImportReport run(Path source, Path out, OpenClipartImportOptions options) throws IOException {
        long start = System.nanoTime();
        ImportManifest.refuseOtherSize(out, options.size());
        TripletFilter pixels = new TripletFilter(0.03, 0.005, options.maxLayerError());
        Map<String, Integer> dropped = new TreeMap<>();
        Map<String, String> authorOf = new HashMap<>();
        List<ResumableRendering.Job> jobs = new ArrayList<>();
        Set<String> contents = new HashSet<>();
        for (ClipartFile file : files(source, dropped)) {
            byte[] bytes = Files.readAllBytes(file.path());
            if (!contents.add(Sha256.hex(bytes))) {
                dropped.merge(DUPLICATE, 1, Integer::sum); // the same file under two categories
                continue;
            }
            String svg = new String(bytes, StandardCharsets.ISO_8859_1); // only ASCII is matched
            Optional<String> unsupported = ClipartContent.unsupported(svg);
            if (unsupported.isPresent()) {
                dropped.merge(unsupported.get(), 1, Integer::sum);
                continue;
            }
            if (options.limit() > 0 && jobs.size() == options.limit()) {
                continue;
            }
            String author = Optional.ofNullable(ClipartFile.author(svg)).orElse(UNKNOWN_AUTHOR);
            authorOf.put(file.name(), author);
            Split split = Split.of(Sha256.digest(author), options.validationFraction());
            Path folder = out.resolve("drawings").resolve(split.column());
            jobs.add(new ResumableRendering.Job(file.name(), split, folder,
                    () -> importOne(file, folder, pixels, options.size())));
        }
        log.printf("openclipart: %d drawings to render at %dx%d on %d threads%n", jobs.size(), options.size(),
                options.size(), options.threads());
        ResumableRendering.Outcome outcome = ResumableRendering.run(jobs, options.threads(), log);
        outcome.dropped().forEach((reason, n) -> dropped.merge(reason, n, Integer::sum));

        Map<String, Integer> byAuthor = new HashMap<>();
        Map<String, Split> splitByAuthor = new TreeMap<>();
        for (ResumableRendering.Job job : outcome.kept()) {
            byAuthor.merge(authorOf.get(job.name()), 1, Integer::sum);
            splitByAuthor.put(authorOf.get(job.name()), job.split());
        }
        Map<String, Integer> sortedByAuthor = new LinkedHashMap<>();
        byAuthor.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sortedByAuthor.put(e.getKey(), e.getValue()));
        Map<Split, Integer> authors = new TreeMap<>(Map.of(Split.TRAIN, 0, Split.VALIDATION, 0));
        splitByAuthor.values().forEach(s -> authors.merge(s, 1, Integer::sum));
        OpenClipartImportReport report = new OpenClipartImportReport(source.toString(), options.size(),
                outcome.keptBySplit(), authors, outcome.resumed(), dropped, sortedByAuthor, splitByAuthor,
                options.validationFraction(), Duration.ofNanos(System.nanoTime() - start));
        ImportManifest.write(report, out);
        AttributionFile.write(report, out);
        return report;
    }

    private Optional<String> importOne(ClipartFile file, Path folder, TripletFilter pixels, int size)
            throws IOException {
        DrawingTriplet triplet;
        try {
            triplet = render(Files.readString(file.path(), StandardCharsets.UTF_8), size);
        } catch (IOException | RuntimeException e) {
            log.printf("cannot render %s: %s%n", file.name(), e.getMessage());
            return Optional.of(TripletFilter.RENDER_ERROR);
        }
        Optional<String> reason = pixels.byPixels(triplet);
        if (reason.isPresent()) {
            if (reason.get().equals(TripletFilter.NOT_SEPARABLE)) {
                log.printf(Locale.ROOT, "%s: %s, lines x flats off the drawing by %.2f%n", file.name(), reason.get(),
                        TripletAlignment.meanAbsoluteError(triplet));
            }
            return reason;
        }
        if (coloredShare(triplet.flats()) < MIN_COLORED) {
            return Optional.of(COLORLESS);
        }
        TripletFiles.write(triplet, folder, file.name());
        return Optional.empty();
    }

    /** The drawing, its ink alone and its colors alone, at the same size. */
    DrawingTriplet render(String file, int size) throws IOException {
        String svg = withSvgNamespace(file);
        BufferedImage drawing = rasterizer.render(svg, size, size);
        BufferedImage lines = rasterizer.render(svg, InkSplit.LINES, size, size);
        BufferedImage flats = rasterizer.render(svg, InkSplit.FLATS, size, size);
        return new DrawingTriplet(Pixels.grayOnWhite(lines), Pixels.rgbOnWhite(flats), Pixels.rgbOnWhite(drawing),
                Pixels.coverage(drawing));
    }

    /**
     * Many older files leave out the SVG namespace, which Inkscape forgives and Batik does not (it renders
     * nothing of an unknown {@code svg} element): the root gets it when it has none.
     */
    static String withSvgNamespace(String svg) {
        Matcher root = ROOT_TAG.matcher(svg);
        if (!root.find() || root.group().contains(SVG_NAMESPACE)) {
            return svg;
        }
        return svg.substring(0, root.start()) + "<svg xmlns=\"" + SVG_NAMESPACE + "\"" + svg.substring(root.start() + 4);
    }

    private static double coloredShare(BufferedImage flats) {
        long colored = 0;
        for (int y = 0; y < flats.getHeight(); y++) {
            for (int x = 0; x < flats.getWidth(); x++) {
                int rgb = flats.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > CHROMA) {
                    colored++;
                }
            }
        }
        return colored / (double) (flats.getWidth() * flats.getHeight());
    }

    /**
     * Every {@code .svg} under the source, by path; symbolic links are counted as duplicates, and flags (the
     * {@code flags} folders: a third of the package, rectangles of flat color, as OpenMoji's import leaves
     * them out too) are counted and left out.
     */
    private static List<ClipartFile> files(Path source, Map<String, Integer> dropped) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IOException(source + " is not a folder (openclipart-svg installs /usr/share/openclipart/svg)");
        }
        List<ClipartFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.filter(p -> p.getFileName().toString().endsWith(".svg")).sorted().toList()) {
                String relative = source.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    dropped.merge(DUPLICATE, 1, Integer::sum);
                } else if (relative.contains("flags/")) {
                    dropped.merge(FLAG, 1, Integer::sum);
                } else if (Files.isRegularFile(p)) {
                    files.add(new ClipartFile(relative.substring(0, relative.length() - 4).replace('/', '-'), p));
                }
            }
        }
        return files;
    }
}
