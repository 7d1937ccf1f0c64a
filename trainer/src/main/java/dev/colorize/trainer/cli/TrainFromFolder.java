package dev.colorize.trainer.cli;

import ai.djl.engine.Engine;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.data.PairLayout;
import dev.colorize.ml.data.PairedImageFolder;
import dev.colorize.ml.data.sketch.SketchMix;
import dev.colorize.ml.eval.EvaluationReport;
import dev.colorize.ml.eval.Evaluator;
import dev.colorize.ml.eval.MetricSet;
import dev.colorize.ml.infer.GeneratorRunner;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.TrainingConfig;
import dev.colorize.trainer.dataset.ClipartFilter;
import dev.colorize.trainer.training.FolderRunStore;
import dev.colorize.trainer.training.RunOptions;
import dev.colorize.trainer.training.TrainingDriver;
import dev.colorize.trainer.training.TrainingSettings;
import dev.colorize.trainer.training.TrainingSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code train-from-folder IMAGES OUT_DIR [options]}: the method alone, no database, Kafka or object
 * store. Trains the paper's pix2pix on a folder of color illustrations (split by content hash, line art
 * extracted) through the {@link TrainingDriver} with the folder {@code OUT_DIR} as its store (resumable, as
 * {@code train-colorizer}), evaluates on the held-out images against the baselines, and writes a model artifact
 * folder and its zip.
 * Options: --steps N (1000), --minutes M (training-time budget), --lr R (the paper's rate), --seed S (1),
 * --validation F (0.1), --base-width W (64), --levels L (8), --size PX (256), --filter (clip-art filter
 * on the folder, recursively), --max-images N (with --filter).
 */
final class TrainFromFolder {

    private TrainFromFolder() {}

    static int run(String[] args) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("--steps", "--minutes", "--lr", "--seed", "--validation",
                "--base-width", "--levels", "--size", "--max-images"), Set.of("--filter"));
        Path images = Path.of(line.positional(0, "IMAGES folder"));
        Path out = Path.of(line.positional(1, "OUT_DIR"));
        long steps = Long.parseLong(line.get("--steps", "1000"));
        NetworkSpec spec = NetworkSpec.paperShape(false, Integer.parseInt(line.get("--base-width", "64")),
                Integer.parseInt(line.get("--levels", "8")), Integer.parseInt(line.get("--size", "256")));
        // the paper's run: batch 1, the learning rate decaying over the second half; all validation images
        TrainingSettings settings = new RunOptions(spec, null, null, null, null, steps, steps / 2, null, 1,
                Float.parseFloat(line.get("--lr", String.valueOf(TrainingConfig.PAPER_LEARNING_RATE))),
                Long.parseLong(line.get("--seed", "1")), null, null, null, null,
                line.has("--minutes") ? Math.max(1, Math.round(Double.parseDouble(line.get("--minutes", "0")) * 60)) : null,
                null, null, Integer.MAX_VALUE, null).settings(TrainColorizer.DEFAULTS);
        if (line.has("--filter")) {
            images = filtered(images, out.resolve("filtered-images"), Integer.parseInt(line.get("--max-images", "0")));
        }
        PairedImageFolder folder = new PairedImageFolder(images, PairLayout.COLOR_ONLY, spec.imageSize(),
                Double.parseDouble(line.get("--validation", "0.1")), SketchMix.standard());
        System.out.printf(Locale.ROOT, "data: %s%nthreads: %d%n", folder.summary(), Runtime.getRuntime().availableProcessors());
        long start = System.nanoTime();
        try (Pix2PixTrainer trainer = new TrainingDriver(Engine.getInstance().defaultDevice()).train(settings,
                TrainingSource.colorImages(folder), new FolderRunStore(out, System.out), Optional.empty(), () -> false)) {
            System.out.printf(Locale.ROOT, "at step %d after %.1f s wall%n", trainer.step(), (System.nanoTime() - start) / 1e9);
            EvaluationReport report = Evaluator.evaluate(
                    new GeneratorRunner(trainer.generator(), trainer.config().spec(), trainer.manager()),
                    folder.validationPairs());
            print("model", report.model());
            print("sketch baseline", report.sketchBaseline());
            print("mean-color baseline", report.meanColorBaseline());
            System.out.printf(Locale.ROOT, "validation images: %d, target colorfulness %.1f%n", report.images(),
                    report.targetColorfulness());
        }
        ModelArtifact.zip(out.resolve("model"), out.resolve("model.zip"));
        System.out.println("artifact: " + out.resolve("model.zip"));
        return 0;
    }

    private static void print(String what, MetricSet m) {
        System.out.printf(Locale.ROOT, "%-20s L1 %.4f  PSNR %.2f  SSIM %.4f  colorfulness %.1f  lineF1 %.3f%n", what,
                m.l1(), m.psnr(), m.ssim(), m.colorfulness(), m.lineF1());
    }

    /** Links the images the clip-art filter keeps into one flat folder. */
    private static Path filtered(Path source, Path target, int maxImages) throws IOException {
        ClipartFilter filter = new ClipartFilter(128, 0.05, 0.15);
        Files.createDirectories(target);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        }
        int kept = 0;
        for (Path file : files) {
            if (maxImages > 0 && kept >= maxImages) {
                break;
            }
            if (filter.rejection(Files.readAllBytes(file)).isEmpty()) {
                Path link = target.resolve(String.format("%06d-%s", kept++, file.getFileName()));
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, file.toAbsolutePath());
            }
        }
        System.out.printf("filter kept %d of %d images%n", kept, files.size());
        return target;
    }
}
