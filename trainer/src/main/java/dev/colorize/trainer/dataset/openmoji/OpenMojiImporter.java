package dev.colorize.trainer.dataset.openmoji;

import dev.colorize.trainer.dataset.Split;
import dev.colorize.trainer.dataset.triplet.AttributionFile;
import dev.colorize.trainer.dataset.triplet.DrawingTriplet;
import dev.colorize.trainer.dataset.triplet.ImportManifest;
import dev.colorize.trainer.dataset.triplet.RenderTasks;
import dev.colorize.trainer.dataset.triplet.TripletFiles;
import dev.colorize.trainer.dataset.triplet.TripletFilter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Turns the OpenMoji package into a triplet dataset:
 * <pre>
 * OUT/drawings/{train,validation}/HEX.{lines,flats,color}.png
 * OUT/pages/{train,validation}/page-00001.{lines,flats,color}.png
 * OUT/manifest.json, OUT/ATTRIBUTION.md
 * </pre>
 * Drawings are filtered by catalogue ({@link DrawingFilter}) and by pixels ({@link TripletFilter}), split by author ({@link AuthorSplit}) and rendered on a
 * thread pool; pages are composed from the kept drawings of their own split only ({@link PagePlan},
 * {@link PageComposer}), so validation pages share no author with training.
 */
public final class OpenMojiImporter {

    public static final String DRAWINGS = "drawings";
    public static final String PAGES = "pages";
    private static final int DRAWING_PROGRESS = 500;
    private static final int PAGE_PROGRESS = 100;

    private final DrawingFilter catalogue;
    private final TripletFilter pixels;
    private final PrintStream log;

    public OpenMojiImporter(DrawingFilter catalogue, TripletFilter pixels, PrintStream log) {
        this.catalogue = catalogue;
        this.pixels = pixels;
        this.log = log;
    }

    public OpenMojiImportReport run(Path source, Path out, OpenMojiImportOptions options) throws IOException {
        long start = System.nanoTime();
        OpenMojiPackage pkg = OpenMojiPackage.read(source);
        prepareOutput(out);
        Map<String, Integer> dropped = new TreeMap<>();
        if (pkg.missingSvg() > 0) {
            dropped.put("missing-svg", pkg.missingSvg());
        }
        List<OpenMojiDrawing> candidates = new ArrayList<>();
        for (OpenMojiDrawing d : pkg.drawings()) {
            Optional<String> reason = catalogue.byCatalogue(d);
            if (reason.isPresent()) {
                dropped.merge(reason.get(), 1, Integer::sum);
            } else if (options.limit() == 0 || candidates.size() < options.limit()) {
                candidates.add(d);
            }
        }
        AuthorSplit split = new AuthorSplit(options.validationFraction());
        log.printf("OpenMoji %s: %d drawings, %d to render at %dx%d on %d threads%n", pkg.version(),
                pkg.drawings().size(), candidates.size(), options.size(), options.size(), options.threads());

        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            Map<Split, List<OpenMojiDrawing>> kept = renderDrawings(candidates, split, out, options, dropped, pool);
            Map<Split, Integer> pages = new EnumMap<>(Split.class);
            pages.put(Split.TRAIN, composePages(kept.get(Split.TRAIN), Split.TRAIN, options.trainPages(), out, options, pool));
            pages.put(Split.VALIDATION, composePages(kept.get(Split.VALIDATION), Split.VALIDATION,
                    options.validationPages(), out, options, pool));
            OpenMojiImportReport report = report(source, pkg, options, kept, pages, dropped, split,
                    Duration.ofNanos(System.nanoTime() - start));
            ImportManifest.write(report, out);
            AttributionFile.write(report, out);
            return report;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Renders, filters and writes every candidate; returns the kept ones per split, in catalogue order. */
    private Map<Split, List<OpenMojiDrawing>> renderDrawings(List<OpenMojiDrawing> candidates, AuthorSplit split,
            Path out, OpenMojiImportOptions options, Map<String, Integer> dropped, ExecutorService pool)
            throws IOException {
        TripletRenderer renderer = new TripletRenderer();
        AtomicInteger done = new AtomicInteger();
        List<Future<Optional<String>>> outcomes = new ArrayList<>();
        for (OpenMojiDrawing d : candidates) {
            Path folder = out.resolve(DRAWINGS).resolve(split.of(d).column());
            outcomes.add(pool.submit(() -> {
                Optional<String> reason = renderOne(renderer, d, folder, options.size());
                int n = done.incrementAndGet();
                if (n % DRAWING_PROGRESS == 0 || n == candidates.size()) {
                    log.printf("drawings: %d/%d%n", n, candidates.size());
                }
                return reason;
            }));
        }
        Map<Split, List<OpenMojiDrawing>> kept = new EnumMap<>(Split.class);
        kept.put(Split.TRAIN, new ArrayList<>());
        kept.put(Split.VALIDATION, new ArrayList<>());
        for (int i = 0; i < candidates.size(); i++) {
            Optional<String> reason = RenderTasks.await(outcomes.get(i));
            if (reason.isPresent()) {
                dropped.merge(reason.get(), 1, Integer::sum);
            } else {
                kept.get(split.of(candidates.get(i))).add(candidates.get(i));
            }
        }
        return kept;
    }

    private Optional<String> renderOne(TripletRenderer renderer, OpenMojiDrawing d, Path folder, int size)
            throws IOException {
        DrawingTriplet triplet;
        try {
            triplet = renderer.render(d.colorSvg(), size, size);
        } catch (IOException | RuntimeException e) {
            log.printf("cannot render %s: %s%n", d.hexcode(), e.getMessage());
            return Optional.of(TripletFilter.RENDER_ERROR);
        }
        Optional<String> reason = pixels.byPixels(triplet);
        if (reason.isEmpty()) {
            TripletFiles.write(triplet, folder, d.hexcode());
        }
        return reason;
    }

    private int composePages(List<OpenMojiDrawing> drawings, Split split, int count, Path out,
            OpenMojiImportOptions options, ExecutorService pool) throws IOException {
        if (count == 0) {
            return 0;
        }
        if (drawings.isEmpty()) {
            log.printf("pages: no %s drawings, no %s pages%n", split.column(), split.column());
            return 0;
        }
        Random random = new Random(31 * options.seed() + split.ordinal());
        List<PagePlan> plans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            plans.add(PagePlan.random(random, drawings, OpenMojiImportOptions.PAGE_WIDTH, OpenMojiImportOptions.PAGE_HEIGHT));
        }
        PageComposer composer = new PageComposer(new TripletRenderer());
        Path folder = out.resolve(PAGES).resolve(split.column());
        AtomicInteger done = new AtomicInteger();
        List<Future<Void>> pages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PagePlan plan = plans.get(i);
            String name = String.format("page-%05d", i + 1);
            pages.add(pool.submit(() -> {
                TripletFiles.write(composer.compose(plan), folder, name);
                int n = done.incrementAndGet();
                if (n % PAGE_PROGRESS == 0 || n == count) {
                    log.printf("%s pages: %d/%d%n", split.column(), n, count);
                }
                return null;
            }));
        }
        for (Future<Void> page : pages) {
            RenderTasks.await(page);
        }
        return count;
    }

    private static OpenMojiImportReport report(Path source, OpenMojiPackage pkg, OpenMojiImportOptions options,
            Map<Split, List<OpenMojiDrawing>> kept, Map<Split, Integer> pages, Map<String, Integer> dropped,
            AuthorSplit split, Duration elapsed) {
        Map<Split, Integer> drawings = new EnumMap<>(Split.class);
        Map<Split, Integer> authors = new EnumMap<>(Split.class);
        Map<String, Integer> byAuthor = new HashMap<>();
        Map<String, Split> splitByAuthor = new TreeMap<>();
        for (Split s : Split.values()) {
            Set<String> names = new HashSet<>();
            for (OpenMojiDrawing d : kept.get(s)) {
                names.add(d.author());
                byAuthor.merge(d.author(), 1, Integer::sum);
                splitByAuthor.put(d.author(), s);
            }
            drawings.put(s, kept.get(s).size());
            authors.put(s, names.size());
        }
        Map<String, Integer> sortedByAuthor = new LinkedHashMap<>();
        byAuthor.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sortedByAuthor.put(e.getKey(), e.getValue()));
        return new OpenMojiImportReport(source.getFileName().toString(), pkg.version(), options.size(), drawings,
                pages, authors, dropped, sortedByAuthor, splitByAuthor, options.validationFraction(), options.seed(),
                elapsed);
    }

    /**
     * Clears the drawings and pages of an earlier import into OUT (one with a manifest); refuses an OUT
     * whose drawings or pages folder holds something else.
     */
    private static void prepareOutput(Path out) throws IOException {
        boolean earlierImport = Files.isRegularFile(out.resolve(ImportManifest.FILE));
        for (String sub : List.of(DRAWINGS, PAGES)) {
            Path folder = out.resolve(sub);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            if (!earlierImport && !isEmpty(folder)) {
                throw new IOException(folder + " exists and holds files but " + out
                        + " has no manifest.json: not an earlier import, not overwriting");
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.deleteIfExists(out.resolve(ImportManifest.FILE));
        Files.createDirectories(out);
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.findAny().isEmpty();
        }
    }
}
