package dev.colorize.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.colorize.ml.artifact.ModelArtifact;
import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.data.TripletFolder;
import dev.colorize.ml.data.augment.TrainingAugmentation;
import dev.colorize.ml.eval.EvaluationReport;
import dev.colorize.ml.eval.Evaluator;
import dev.colorize.ml.infer.GeneratorRunner;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.train.BatchPrefetcher;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.StepMetrics;
import dev.colorize.ml.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code train-colorizer DATASET[,DATASET...] OUT_DIR [options]}: trains the flats generator (line art + hints ->
 * flat colors) on triplet datasets from {@code import-openmoji} or {@code import-fluent-emoji} (several,
 * comma-separated, are pooled), with no infrastructure. Resumable:
 * every checkpoint interval it writes {@code OUT/checkpoint/} (networks, optimizers, step), evaluates on
 * the author-held-out drawings, appends a row to {@code OUT/checkpoints.csv} and refreshes the model
 * artifact {@code OUT/model/} (and {@code OUT/best-model/} when its validation L1 is the lowest so far);
 * run the same command again to continue. Losses go to
 * {@code OUT/progress.csv}.
 * Options: --steps N (6000, the schedule's length), --decay N (steps of linear lr decay at the end,
 * default a third), --until N (stop at step N, schedule unchanged: reproduces a run that was stopped
 * early), --minutes M (stop after M minutes of this invocation), --batch B (8), --size PX (128),
 * --base-width W (32), --levels L (7), --hints true|false (true), --lr R (the paper's rate), --seed S (1),
 * --checkpoint-minutes M (10), --validation-limit N (150), --augment none|all|NAME,... (none; the line-style
 * changes of {@link TrainingAugmentation}: thickness, gaps, jitter, hatching, tint, scan), --augment-probability P
 * (0.3, each change's), --scale-min F (1: off; e.g. 0.2, the figure filling 20-100 % of the crop).
 */
final class TrainColorizer {

    /** Batches that re-estimate BatchNorm statistics before each checkpoint (0.9^32: 3 % of the old left). */
    private static final int RECALIBRATION_BATCHES = 32;

    private TrainColorizer() {}

    static int run(String[] args) throws IOException {
        CommandLine line = new CommandLine(args, Set.of("--steps", "--decay", "--until", "--minutes", "--batch", "--size",
                "--base-width", "--levels", "--hints", "--lr", "--seed", "--checkpoint-minutes", "--validation-limit",
                "--augment", "--augment-probability", "--scale-min"),
                Set.of());
        List<Path> datasets = Arrays.stream(line.positional(0, "DATASET folder(s), comma-separated (from import-openmoji)")
                .split(",")).map(Path::of).toList();
        Path out = Path.of(line.positional(1, "OUT_DIR"));
        long steps = Long.parseLong(line.get("--steps", "6000"));
        long decay = Long.parseLong(line.get("--decay", String.valueOf(steps / 3)));
        long until = Long.parseLong(line.get("--until", String.valueOf(steps)));
        double minutes = Double.parseDouble(line.get("--minutes", "1e9"));
        double checkpointMinutes = Double.parseDouble(line.get("--checkpoint-minutes", "10"));
        NetworkSpec cpu = NetworkSpec.cpuHinted();
        NetworkSpec spec = NetworkSpec.paperShape(Boolean.parseBoolean(line.get("--hints", "true")),
                Integer.parseInt(line.get("--base-width", String.valueOf(cpu.baseWidth()))),
                Integer.parseInt(line.get("--levels", String.valueOf(cpu.levels()))),
                Integer.parseInt(line.get("--size", String.valueOf(cpu.imageSize()))));
        TrainingConfig config = TrainingConfig.paper(spec, steps, Long.parseLong(line.get("--seed", "1")))
                .withLearningRate(Float.parseFloat(line.get("--lr", String.valueOf(TrainingConfig.PAPER_LEARNING_RATE))))
                .withBatchSize(Integer.parseInt(line.get("--batch", "8")))
                .withSchedule(steps, decay);
        TripletFolder folder = new TripletFolder(datasets, spec.imageSize(), spec.takesHints(),
                TrainingAugmentation.parse(line.get("--augment", "none"),
                        Double.parseDouble(line.get("--augment-probability", "0.3")),
                        Double.parseDouble(line.get("--scale-min", "1"))));
        List<ImagePair> validation = folder.validationPairs(Integer.parseInt(line.get("--validation-limit", "150")));
        Path checkpoint = out.resolve("checkpoint");
        Files.createDirectories(out);
        Device device = Engine.getInstance().defaultDevice();
        try (Pix2PixTrainer trainer = Files.exists(checkpoint.resolve("trainer.json"))
                ? Pix2PixTrainer.resume(checkpoint, device) : Pix2PixTrainer.create(config, device);
                BatchPrefetcher batches = trainer.prefetch(folder.trainingData())) {
            System.out.printf(Locale.ROOT, "data: %s%nspec: %s%nbatch %d, from step %d to %d, device %s%n",
                    folder.summary(), trainer.config().spec(), trainer.config().batchSize(), trainer.step(),
                    trainer.config().totalSteps(), device);
            long start = System.nanoTime();
            long lastCheckpoint = start;
            long windowStart = start;
            long windowSteps = 0;
            while (trainer.step() < Math.min(until, trainer.config().totalSteps()) && minutesSince(start) < minutes) {
                StepMetrics m = trainer.trainStep(batches.next());
                windowSteps++;
                if (m.step() % 20 == 0) {
                    double samplesPerSecond = windowSteps * trainer.config().batchSize() / secondsSince(windowStart);
                    append(out.resolve("progress.csv"), "step,d,g_gan,g_l1,step_ms,samples_per_s",
                            String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.0f,%.2f", m.step(), m.discriminatorLoss(),
                                    m.generatorGanLoss(), m.generatorL1Loss(), m.stepMillis(), samplesPerSecond));
                    System.out.printf(Locale.ROOT, "step %d  D %.3f  G_gan %.3f  G_L1 %.4f  %.0f ms/step  %.1f samples/s%n",
                            m.step(), m.discriminatorLoss(), m.generatorGanLoss(), m.generatorL1Loss(), m.stepMillis(),
                            samplesPerSecond);
                    windowStart = System.nanoTime();
                    windowSteps = 0;
                }
                if (minutesSince(lastCheckpoint) >= checkpointMinutes) {
                    checkpoint(trainer, folder, validation, out, minutesSince(start));
                    lastCheckpoint = System.nanoTime();
                }
            }
            checkpoint(trainer, folder, validation, out, minutesSince(start));
        }
        return 0;
    }

    /** Checkpoint (atomically replaced), evaluation row and model artifact. */
    private static void checkpoint(Pix2PixTrainer trainer, TripletFolder folder, List<ImagePair> validation, Path out,
            double minutes) throws IOException {
        trainer.recalibrateNormalization(folder.trainingData(), RECALIBRATION_BATCHES);
        Path fresh = out.resolve("checkpoint.new");
        trainer.saveCheckpoint(fresh);
        Path current = out.resolve("checkpoint");
        if (Files.exists(current)) {
            deleteTree(out.resolve("checkpoint.old"));
            Files.move(current, out.resolve("checkpoint.old"), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, current, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(out.resolve("checkpoint.old"));
        NetworkSpec spec = trainer.config().spec();
        EvaluationReport report = Evaluator.evaluate(new GeneratorRunner(trainer.generator(), spec, trainer.manager()),
                validation);
        append(out.resolve("checkpoints.csv"),
                "step,minutes,l1,psnr,sketch_psnr,colorfulness,target_colorfulness,line_f1",
                String.format(Locale.ROOT, "%d,%.1f,%.4f,%.2f,%.2f,%.1f,%.1f,%.3f", trainer.step(), minutes,
                        report.model().l1(), report.model().psnr(), report.sketchBaseline().psnr(),
                        report.model().colorfulness(), report.targetColorfulness(), report.model().lineF1()));
        System.out.printf(Locale.ROOT, "checkpoint at step %d: flats PSNR %.2f dB (sketch %.2f), colorfulness %.1f of %.1f%n",
                trainer.step(), report.model().psnr(), report.sketchBaseline().psnr(), report.model().colorfulness(),
                report.targetColorfulness());
        Path model = out.resolve("model");
        deleteTree(model);
        ModelArtifact.save(trainer.generator(), spec, trainer.config(), trainer.step(), folder.summary(), report, model);
        // adversarial training wanders: keep the checkpoint with the lowest validation L1 as well
        double rounded = Double.parseDouble(String.format(Locale.ROOT, "%.4f", report.model().l1())); // as in the csv
        if (rounded <= bestL1(out.resolve("checkpoints.csv"))) {
            Path best = out.resolve("best-model");
            deleteTree(best);
            ModelArtifact.save(trainer.generator(), spec, trainer.config(), trainer.step(), folder.summary(), report, best);
        }
    }

    /** The lowest validation L1 in the checkpoint rows (the row just appended included). */
    private static double bestL1(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).mapToDouble(row -> Double.parseDouble(row.split(",")[2]))
                .min().orElse(Double.MAX_VALUE);
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static double minutesSince(long nanos) {
        return secondsSince(nanos) / 60;
    }

    private static void append(Path csv, String header, String row) throws IOException {
        if (!Files.exists(csv)) {
            Files.writeString(csv, header + "\n");
        }
        Files.writeString(csv, row + "\n", StandardOpenOption.APPEND);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
