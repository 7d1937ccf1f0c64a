package dev.colorize.trainer.dataset.fluent;

import dev.colorize.platform.hashing.Sha256;
import dev.colorize.trainer.dataset.Split;
import dev.colorize.trainer.dataset.triplet.AttributionFile;
import dev.colorize.trainer.dataset.triplet.DrawingTriplet;
import dev.colorize.trainer.dataset.triplet.ImportManifest;
import dev.colorize.trainer.dataset.triplet.InkOnEdges;
import dev.colorize.trainer.dataset.triplet.Pixels;
import dev.colorize.trainer.dataset.triplet.ResumableRendering;
import dev.colorize.trainer.dataset.triplet.SvgRasterizer;
import dev.colorize.trainer.dataset.triplet.TripletFiles;
import dev.colorize.trainer.dataset.triplet.TripletFilter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns Fluent Emoji's Flat and High Contrast Iconify sets into a triplet dataset in the layout of the
 * OpenMoji import ({@code OUT/drawings/{train,validation}/NAME.{lines,flats,color}.png}, {@code manifest.json},
 * {@code ATTRIBUTION.md}; no composed pages), so training reads both alike. Per name in both sets: the High
 * Contrast drawing rendered in black is the line art, the Flat drawing the flats, their product the
 * composite. Split by name hash. Resumable: a name whose three files exist is not rendered again.
 * Dropped, by reason: {@value #HIDDEN}, {@value #NO_FLAT}, {@value #NO_HIGH_CONTRAST} (Flat names without a
 * High Contrast drawing: mostly skin-tone variants), {@value #GRADIENT}, the {@link TripletFilter}'s
 * reasons, and {@value #INK_OFF_EDGES} (the drawings do not line up, or the ink fills a light region).
 */
public final class FluentEmojiImporter {

    public static final String HIDDEN = "hidden";
    public static final String NO_FLAT = "no-flat";
    public static final String NO_HIGH_CONTRAST = "no-high-contrast";
    public static final String GRADIENT = "gradient";
    public static final String INK_OFF_EDGES = "ink-off-edges";
    private static final String INK = "#000000";

    private final TripletFilter pixels;
    private final SvgRasterizer rasterizer;
    private final PrintStream log;

    public FluentEmojiImporter(TripletFilter pixels, SvgRasterizer rasterizer, PrintStream log) {
        this.pixels = pixels;
        this.rasterizer = rasterizer;
        this.log = log;
    }

    public FluentImportReport run(Path flatSource, Path highContrastSource, Path out, FluentImportOptions options)
            throws IOException {
        long start = System.nanoTime();
        IconifySet flat = IconifySet.read(flatSource);
        IconifySet highContrast = IconifySet.read(highContrastSource);
        ImportManifest.refuseOtherSize(out, options.size());
        Map<String, Integer> dropped = new TreeMap<>();
        List<String> candidates = new ArrayList<>();
        for (IconifyIcon ink : highContrast.icons().values()) {
            IconifyIcon colors = flat.icons().get(ink.name());
            Optional<String> reason = colors == null ? Optional.of(NO_FLAT)
                    : ink.hidden() || colors.hidden() ? Optional.of(HIDDEN)
                    : colors.hasGradient() || ink.hasGradient() ? Optional.of(GRADIENT) : Optional.empty();
            if (reason.isPresent()) {
                dropped.merge(reason.get(), 1, Integer::sum);
            } else if (options.limit() == 0 || candidates.size() < options.limit()) {
                candidates.add(ink.name());
            }
        }
        long flatOnly = flat.icons().values().stream()
                .filter(i -> !i.hidden() && !highContrast.icons().containsKey(i.name())).count();
        if (flatOnly > 0) {
            dropped.put(NO_HIGH_CONTRAST, (int) flatOnly);
        }
        log.printf("Fluent Emoji: %d Flat, %d High Contrast drawings, %d pairs to render at %dx%d on %d threads%n",
                flat.icons().size(), highContrast.icons().size(), candidates.size(), options.size(), options.size(),
                options.threads());

        List<ResumableRendering.Job> jobs = new ArrayList<>();
        for (String name : candidates) {
            Split split = Split.of(Sha256.digest(name), options.validationFraction());
            Path folder = out.resolve("drawings").resolve(split.column());
            IconifyIcon colors = flat.icons().get(name);
            IconifyIcon ink = highContrast.icons().get(name);
            jobs.add(new ResumableRendering.Job(name, split, folder, () -> importOne(colors, ink, folder, options)));
        }
        ResumableRendering.Outcome outcome = ResumableRendering.run(jobs, options.threads(), log);
        outcome.dropped().forEach((reason, n) -> dropped.merge(reason, n, Integer::sum));
        FluentImportReport report = new FluentImportReport(flatSource.getFileName() + ", "
                + highContrastSource.getFileName(), flat.version(), options.size(), outcome.keptBySplit(),
                outcome.resumed(), dropped, options.validationFraction(), Duration.ofNanos(System.nanoTime() - start));
        ImportManifest.write(report, out);
        AttributionFile.write(report, out);
        return report;
    }

    private Optional<String> importOne(IconifyIcon colors, IconifyIcon ink, Path folder, FluentImportOptions options)
            throws IOException {
        DrawingTriplet triplet;
        try {
            triplet = render(colors, ink, options.size());
        } catch (IOException | RuntimeException e) {
            log.printf("cannot render %s: %s%n", colors.name(), e.getMessage());
            return Optional.of(TripletFilter.RENDER_ERROR);
        }
        Optional<String> reason = pixels.byPixels(triplet);
        if (reason.isEmpty()) {
            double share = InkOnEdges.supportedShare(triplet.lines(), triplet.flats(), options.alignmentRadius());
            if (share < options.minInkOnEdges()) {
                log.printf(Locale.ROOT, "%s: %s, %.3f of the ink on the Flat drawing's edges%n", colors.name(),
                        INK_OFF_EDGES, share);
                reason = Optional.of(INK_OFF_EDGES);
            }
        }
        if (reason.isEmpty()) {
            TripletFiles.write(triplet, folder, colors.name());
        }
        return reason;
    }

    /** Both drawings at the same size; the composite is their product, as a page's lines over its flats. */
    DrawingTriplet render(IconifyIcon colors, IconifyIcon ink, int size) throws IOException {
        BufferedImage flatArgb = rasterizer.render(colors.svg(INK), size, size);
        BufferedImage lines = Pixels.grayOnWhite(rasterizer.render(ink.svg(INK), size, size));
        BufferedImage flats = Pixels.rgbOnWhite(flatArgb);
        return new DrawingTriplet(lines, flats, Pixels.multiply(flats, lines), Pixels.coverage(flatArgb));
    }
}
