package dev.colorize.trainer.training;

import dev.colorize.ml.eval.EvaluationReport;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.StepMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/**
 * A run in a folder, no infrastructure: {@code checkpoint/} (replaced atomically), a row per checkpoint in
 * {@code checkpoints.csv}, the artifact {@code model/} (and {@code best-model/} at the lowest validation L1),
 * losses and throughput every 20 steps in {@code progress.csv}; the same on the console. The time budget counts
 * from each invocation (the folder keeps no training time).
 */
public final class FolderRunStore implements RunStore {

    private static final int PROGRESS_EVERY = 20;

    private final Path out;
    private final PrintStream console;
    private long windowStart = System.nanoTime();
    private long windowSteps;
    private int batchSize;

    public FolderRunStore(Path out, PrintStream console) throws IOException {
        this.out = Files.createDirectories(out);
        this.console = console;
    }

    @Override
    public Optional<Path> lastCheckpoint() {
        Path checkpoint = out.resolve("checkpoint");
        return Files.exists(checkpoint.resolve("trainer.json")) ? Optional.of(checkpoint) : Optional.empty();
    }

    @Override
    public void started(Pix2PixTrainer trainer, boolean resumed, long lastStep) {
        batchSize = trainer.config().batchSize();
        console.printf(Locale.ROOT, "spec: %s%nbatch %d, from step %d to %d, device %s%n", trainer.config().spec(),
                batchSize, trainer.step(), lastStep, trainer.manager().getDevice());
    }

    @Override
    public double trainedMillis(long step) {
        return 0;
    }

    @Override
    public void stepped(StepMetrics m) throws IOException {
        windowSteps++;
        if (m.step() % PROGRESS_EVERY != 0) {
            return;
        }
        double samplesPerSecond = windowSteps * batchSize / ((System.nanoTime() - windowStart) / 1e9);
        append("progress.csv", "step,d,g_gan,g_l1,step_ms,samples_per_s",
                String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.0f,%.2f", m.step(), m.discriminatorLoss(),
                        m.generatorGanLoss(), m.generatorL1Loss(), m.stepMillis(), samplesPerSecond));
        console.printf(Locale.ROOT, "step %d  D %.3f  G_gan %.3f  G_L1 %.4f  %.0f ms/step  %.1f samples/s%n", m.step(),
                m.discriminatorLoss(), m.generatorGanLoss(), m.generatorL1Loss(), m.stepMillis(), samplesPerSecond);
        windowStart = System.nanoTime();
        windowSteps = 0;
    }

    @Override
    public void flushProgress() {
        // every progress row is written as it comes
    }

    @Override
    public Path checkpointFolder(long step) throws IOException {
        Path fresh = out.resolve("checkpoint.new");
        Folders.delete(fresh);
        return fresh;
    }

    @Override
    public void checkpointed(Checkpoint checkpoint) throws IOException {
        Path current = out.resolve("checkpoint");
        Path old = out.resolve("checkpoint.old");
        if (Files.exists(current)) {
            Folders.delete(old);
            Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(checkpoint.folder(), current, StandardCopyOption.ATOMIC_MOVE);
        Folders.delete(old);
        EvaluationReport report = checkpoint.report();
        append("checkpoints.csv", "step,minutes,l1,psnr,sketch_psnr,colorfulness,target_colorfulness,line_f1",
                String.format(Locale.ROOT, "%d,%.1f,%.4f,%.2f,%.2f,%.1f,%.1f,%.3f", checkpoint.step(),
                        checkpoint.minutes(), report.model().l1(), report.model().psnr(),
                        report.sketchBaseline().psnr(), report.model().colorfulness(), report.targetColorfulness(),
                        report.model().lineF1()));
        console.printf(Locale.ROOT, "checkpoint at step %d: flats PSNR %.2f dB (sketch %.2f), colorfulness %.1f of %.1f%n",
                checkpoint.step(), report.model().psnr(), report.sketchBaseline().psnr(), report.model().colorfulness(),
                report.targetColorfulness());
        replace(out.resolve("model"), checkpoint.model());
        if (checkpoint.best()) {
            replace(out.resolve("best-model"), checkpoint.model());
        }
    }

    private static void replace(Path folder, ModelWriter model) throws IOException {
        Folders.delete(folder);
        model.save(folder);
    }

    private void append(String csv, String header, String row) throws IOException {
        Path file = out.resolve(csv);
        if (!Files.exists(file)) {
            Files.writeString(file, header + "\n");
        }
        Files.writeString(file, row + "\n", StandardOpenOption.APPEND);
    }
}
