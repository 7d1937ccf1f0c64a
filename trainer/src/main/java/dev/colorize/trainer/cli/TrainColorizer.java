package dev.colorize.trainer.cli;

import ai.djl.engine.Engine;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.data.TripletFolder;
import dev.colorize.ml.data.augment.TrainingAugmentation;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.trainer.training.FolderRunStore;
import dev.colorize.trainer.training.RunOptions;
import dev.colorize.trainer.training.TrainingDriver;
import dev.colorize.trainer.training.TrainingSettings;
import dev.colorize.trainer.training.TrainingSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code train-colorizer DATASET[,DATASET...] OUT_DIR [options]}: trains the flats generator (line art + hints ->
 * flat colors) on triplet datasets from {@code import-openmoji} or {@code import-fluent-emoji} (several,
 * comma-separated, are pooled), with no infrastructure, through the service's {@link TrainingDriver} with the
 * folder as its store ({@link FolderRunStore}). Resumable: every checkpoint interval it writes
 * {@code OUT/checkpoint/} (networks, optimizers, step), evaluates on the author-held-out drawings, appends a row to
 * {@code OUT/checkpoints.csv} and refreshes the model artifact {@code OUT/model/} (and {@code OUT/best-model/}
 * when its validation L1 is the lowest so far); run the same command again to continue. Losses go to
 * {@code OUT/progress.csv}.
 * Options (the admin API's run fields of the same names, see {@link RunOptions}): --steps N (6000, the
 * schedule's length), --decay N (steps of linear lr decay at the end, default a third), --until N (stop at step N,
 * schedule unchanged: reproduces a run that was stopped early), --minutes M (stop after M minutes of training in
 * this invocation), --batch B (8), --size PX (128), --base-width W (32), --levels L (7), --hints true|false (true),
 * --lr R (the paper's rate), --seed S (1), --checkpoint-minutes M (10), --checkpoint-every N (steps; 0: by the
 * clock only), --validation-limit N (150), --augment none|all|NAME,... (none; the line-style changes of
 * {@link TrainingAugmentation}: thickness, gaps, jitter, hatching, tint, scan), --augment-probability P (0.3,
 * each change's), --scale-min F (1: off; e.g. 0.2, the figure filling 20-100 % of the crop), --hint-style
 * dots|regions (dots: the shipped model's; regions: dots and short scribbles inside one region each, the L1 term
 * weighing each hinted region 4 times, see {@link dev.colorize.ml.data.HintLayer.Style}), --from MODEL_DIR (a
 * fresh run's generator starts from that model artifact's weights, e.g. models/default, to fine-tune it; the
 * network flags must describe the same network; the discriminator starts fresh).
 */
final class TrainColorizer {

    /** What the command does unless told: the clock, not the step count, decides checkpoints. */
    static final RunOptions.Defaults DEFAULTS = new RunOptions.Defaults(6000, 0, 10);

    private TrainColorizer() {}

    static int run(String[] args) throws IOException {
        CommandLine line = commandLine(args);
        List<Path> datasets = Arrays.stream(line.positional(0, "DATASET folder(s), comma-separated (from import-openmoji)")
                .split(",")).map(Path::of).toList();
        Path out = Path.of(line.positional(1, "OUT_DIR"));
        TrainingSettings settings = options(line).settings(DEFAULTS);
        NetworkSpec spec = settings.spec();
        TripletFolder folder = new TripletFolder(datasets, spec.imageSize(), spec.takesHints(),
                settings.augmentations().build(), settings.augmentations().hints());
        System.out.println("data: " + folder.summary());
        Optional<Path> from = line.has("--from")
                ? Optional.of(Path.of(line.get("--from", null)).resolve(ModelArtifact.WEIGHTS)) : Optional.empty();
        new TrainingDriver(Engine.getInstance().defaultDevice()).train(settings, TrainingSource.triplets(folder),
                new FolderRunStore(out, System.out), from, () -> false).close();
        return 0;
    }

    static CommandLine commandLine(String[] args) {
        return new CommandLine(args, Set.of("--steps", "--decay", "--until", "--minutes", "--batch", "--size",
                "--base-width", "--levels", "--hints", "--lr", "--seed", "--checkpoint-minutes", "--checkpoint-every",
                "--validation-limit", "--augment", "--augment-probability", "--scale-min", "--hint-style", "--from"),
                Set.of());
    }

    /** The flags as run options: what the admin API reads from a version 2 request's fields of these names. */
    static RunOptions options(CommandLine line) {
        return new RunOptions(null, bool(line, "--hints"), integer(line, "--size"), integer(line, "--base-width"),
                integer(line, "--levels"), number(line, "--steps"), number(line, "--decay"), number(line, "--until"),
                integer(line, "--batch"), line.has("--lr") ? Float.parseFloat(line.get("--lr", null)) : null,
                number(line, "--seed"), line.has("--augment") ? List.of(line.get("--augment", null).split(",")) : null,
                decimal(line, "--augment-probability"), decimal(line, "--scale-min"), line.get("--hint-style", null),
                line.has("--minutes") ? Math.max(1, Math.round(decimal(line, "--minutes") * 60)) : null,
                integer(line, "--checkpoint-every"), decimal(line, "--checkpoint-minutes"),
                integer(line, "--validation-limit"), null);
    }

    private static Boolean bool(CommandLine line, String name) {
        return line.has(name) ? Boolean.parseBoolean(line.get(name, null)) : null;
    }

    private static Integer integer(CommandLine line, String name) {
        return line.has(name) ? Integer.parseInt(line.get(name, null)) : null;
    }

    private static Long number(CommandLine line, String name) {
        return line.has(name) ? Long.parseLong(line.get(name, null)) : null;
    }

    private static Double decimal(CommandLine line, String name) {
        return line.has(name) ? Double.parseDouble(line.get(name, null)) : null;
    }
}
