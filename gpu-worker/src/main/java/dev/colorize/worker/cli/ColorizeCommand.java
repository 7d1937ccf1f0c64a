package dev.colorize.worker.cli;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.UndecodableImageException;
import dev.colorize.ml.infer.Colorizer;
import dev.colorize.ml.infer.Colorizer.ColorLayers;
import dev.colorize.ml.infer.Colorizer.PageInput;
import dev.colorize.ml.infer.Compositing;
import dev.colorize.ml.infer.ColorizerOptions;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.worker.service.PageEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.opencv.core.Mat;

/**
 * Colors image files with a model artifact, with no Kafka, database or object store: for people who
 * just want to try a model. {@code colorize --model DIR|ZIP [--hints FILE|DIR] [--compositing
 * auto|multiply|lightness] [--per-pixel-flats] [--no-panels] [--flats] [--device cpu|gpu|auto] [--threads N]
 * [--batch N] IN OUT}, where IN and OUT are two files or two folders (every image of IN becomes a PNG of
 * the same name in OUT). Hints are colored dots on a transparent PNG of the page's aspect: one file for
 * one page, or a folder holding a hint image of the same name for each page that has one. {@code --flats}
 * also writes the flat color layer as NAME.flats.png. Exit status: 0 all colored, 1 some page failed,
 * 2 wrong usage.
 */
public final class ColorizeCommand {

    static final String USAGE = "usage: colorize --model DIR|ZIP [--hints FILE|DIR] [--compositing auto|multiply|lightness]"
            + " [--per-pixel-flats] [--no-panels] [--flats] [--device cpu|gpu|auto] [--threads N] [--batch N]"
            + " IN OUT   (two image files, or two folders)";
    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp");

    /** One page to color: its file, its optional hint file, where it goes. */
    private record Job(Path source, Path hints, Path target) {}

    private ColorizeCommand() {
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path model = null;
        Path hints = null;
        String device = "cpu";
        int threads = 0;
        int batch = 4;
        Compositing compositing = Compositing.AUTO;
        boolean regionFlats = true;
        boolean panels = true;
        boolean flats = false;
        List<String> paths = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--model" -> model = Path.of(args[++i]);
                    case "--hints" -> hints = Path.of(args[++i]);
                    case "--device" -> device = args[++i];
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--batch" -> batch = Integer.parseInt(args[++i]);
                    case "--compositing" -> compositing = Compositing.valueOf(args[++i].toUpperCase(Locale.ROOT));
                    case "--per-pixel-flats" -> regionFlats = false;
                    case "--no-panels" -> panels = false;
                    case "--flats" -> flats = true;
                    default -> paths.add(args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            err.println(USAGE);
            return 2;
        }
        if (model == null || paths.size() != 2 || !Files.exists(Path.of(paths.get(0)))
                || hints != null && !Files.exists(hints)) {
            err.println(USAGE);
            return 2;
        }
        Path in = Path.of(paths.get(0));
        Path target = Path.of(paths.get(1));
        ColorizerOptions options = new ColorizerOptions(device, threads, batch, false).withCompositing(compositing)
                .withFlatFill(regionFlats).withPanels(panels, 0);
        try (Colorizer colorizer = Colorizer.load(model, options)) {
            List<Job> jobs = Files.isDirectory(in) ? folderJobs(in, hints, target) : List.of(new Job(in, hints, target));
            int failed = 0;
            for (int start = 0; start < jobs.size(); start += batch) {
                failed += colorize(colorizer, jobs.subList(start, Math.min(jobs.size(), start + batch)), flats, out, err);
            }
            out.printf("%d of %d pages colored with %s%n", jobs.size() - failed, jobs.size(), model);
            return failed == 0 ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("colorize: " + e.getMessage());
            return 1;
        }
    }

    private static List<Job> folderJobs(Path in, Path hints, Path outFolder) throws IOException {
        Files.createDirectories(outFolder);
        try (Stream<Path> files = Files.list(in)) {
            return files.filter(ColorizeCommand::isImage).sorted().map(f -> {
                String base = f.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                Path hint = hints == null ? null : hints.resolve(base + ".png");
                return new Job(f, hint != null && Files.isRegularFile(hint) ? hint : null,
                        outFolder.resolve(base + ".png"));
            }).toList();
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && IMAGE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** One batch for the chunk's pages that decode; returns how many pages failed. */
    private static int colorize(Colorizer colorizer, List<Job> chunk, boolean flats, PrintStream out, PrintStream err)
            throws IOException {
        List<Job> decodedJobs = new ArrayList<>();
        List<PageInput> inputs = new ArrayList<>();
        for (Job job : chunk) {
            try {
                Mat page = ImageCodec.decodeBgr(Files.readAllBytes(job.source()));
                Mat hint = job.hints() == null ? null : ImageCodec.decodeBgra(Files.readAllBytes(job.hints()));
                inputs.add(new PageInput(page, hint));
                decodedJobs.add(job);
            } catch (UndecodableImageException e) {
                err.printf("%s: %s%n", job.source(), e.getMessage());
            }
        }
        List<ColorLayers> pages = colorizer.colorLayers(inputs);
        PageEncoder encoder = new PageEncoder(95);
        for (int i = 0; i < decodedJobs.size(); i++) {
            Job job = decodedJobs.get(i);
            String name = job.target().getFileName().toString().toLowerCase(Locale.ROOT);
            OutputFormat format = name.endsWith(".jpg") || name.endsWith(".jpeg") ? OutputFormat.JPEG : OutputFormat.PNG;
            Files.write(job.target(), encoder.encode(pages.get(i).composite(), format, null));
            if (flats) {
                Path flatsFile = job.target().resolveSibling(
                        job.target().getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".flats.png");
                Files.write(flatsFile, encoder.encode(pages.get(i).flats(), OutputFormat.PNG, null));
            }
            out.printf("%s -> %s%n", job.source(), job.target());
        }
        return chunk.size() - decodedJobs.size();
    }
}
