package dev.colorize.worker.cli;

import dev.colorize.ml.infer.ColorizedPage;
import dev.colorize.ml.infer.Colorizer;
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

/**
 * Colors image files with a model artifact, with no Kafka, database or object store: for people who
 * just want to try a model. {@code colorize --model DIR|ZIP [--device cpu|gpu|auto] [--threads N]
 * [--batch N] IN OUT}, where IN and OUT are two files or two folders (every image of IN becomes a PNG of
 * the same name in OUT). Exit status: 0 all colored, 1 some page failed, 2 wrong usage.
 */
public final class ColorizeCommand {

    static final String USAGE = "usage: colorize --model DIR|ZIP [--device cpu|gpu|auto] [--threads N] [--batch N] "
            + "IN OUT   (two image files, or two folders)";
    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp");

    private ColorizeCommand() {
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path model = null;
        String device = "cpu";
        int threads = 0;
        int batch = 4;
        List<String> paths = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--model" -> model = Path.of(args[++i]);
                    case "--device" -> device = args[++i];
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--batch" -> batch = Integer.parseInt(args[++i]);
                    default -> paths.add(args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            err.println(USAGE);
            return 2;
        }
        if (model == null || paths.size() != 2 || !Files.exists(Path.of(paths.get(0)))) {
            err.println(USAGE);
            return 2;
        }
        Path in = Path.of(paths.get(0));
        Path target = Path.of(paths.get(1));
        try (Colorizer colorizer = Colorizer.load(model, new ColorizerOptions(device, threads, batch, false))) {
            List<Path[]> jobs = Files.isDirectory(in) ? folderJobs(in, target) : List.<Path[]>of(new Path[] {in, target});
            int failed = 0;
            for (int start = 0; start < jobs.size(); start += batch) {
                failed += colorize(colorizer, jobs.subList(start, Math.min(jobs.size(), start + batch)), out, err);
            }
            out.printf("%d of %d pages colored with %s%n", jobs.size() - failed, jobs.size(), model);
            return failed == 0 ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("colorize: " + e.getMessage());
            return 1;
        }
    }

    private static List<Path[]> folderJobs(Path in, Path outFolder) throws IOException {
        Files.createDirectories(outFolder);
        try (Stream<Path> files = Files.list(in)) {
            return files.filter(ColorizeCommand::isImage).sorted().map(f -> new Path[] {f,
                    outFolder.resolve(f.getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".png")}).toList();
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && IMAGE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** One forward pass for the chunk; returns how many pages failed. */
    private static int colorize(Colorizer colorizer, List<Path[]> chunk, PrintStream out, PrintStream err)
            throws IOException {
        List<byte[]> encoded = new ArrayList<>();
        for (Path[] job : chunk) {
            encoded.add(Files.readAllBytes(job[0]));
        }
        List<ColorizedPage> pages = colorizer.colorize(encoded);
        PageEncoder encoder = new PageEncoder(95);
        int failed = 0;
        for (int i = 0; i < chunk.size(); i++) {
            Path source = chunk.get(i)[0];
            Path target = chunk.get(i)[1];
            if (!pages.get(i).succeeded()) {
                err.printf("%s: %s%n", source, pages.get(i).failure().getMessage().replaceFirst("^page \\d+: ", ""));
                failed++;
                continue;
            }
            String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
            OutputFormat format = name.endsWith(".jpg") || name.endsWith(".jpeg") ? OutputFormat.JPEG : OutputFormat.PNG;
            Files.write(target, encoder.encode(pages.get(i).imageOrThrow(), format));
            out.printf("%s -> %s%n", source, target);
        }
        return failed;
    }
}
