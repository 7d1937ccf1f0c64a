package dev.colorize.ml.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.nn.Networks;
import dev.colorize.ml.nn.ParameterFile;
import dev.colorize.ml.nn.UNetGenerator;
import dev.colorize.ml.train.Pix2PixTrainer;
import dev.colorize.ml.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Full-size generator figures on this machine: inference ms/image at batch 1 and 8 (median after
 * warm-up), G+D training step time, resident memory over many inference iterations, and bf16 against
 * fp32. Run in its own JVM (see docs/PERFORMANCE.md). Options: --runs N (timed repetitions, 10),
 * --iterations N (memory loop, 1000), --train-steps N (5), --bf16 1 (opt in: DJL 0.36 cannot run it here, see
 * docs/PERFORMANCE.md).
 */
public final class ModelBenchmark {

    private ModelBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        int runs = option(args, "--runs", 10);
        int iterations = option(args, "--iterations", 1000);
        int trainSteps = option(args, "--train-steps", 5);
        NetworkSpec spec = NetworkSpec.paper();
        System.out.printf("engine %s %s, intra-op threads %d, cores %d%n", Engine.getInstance().getEngineName(),
                Engine.getInstance().getVersion(), ai.djl.pytorch.jni.JniUtils.getNumThreads(),
                Runtime.getRuntime().availableProcessors());

        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Engine.getInstance().setRandomSeed(1);
            Block generator = UNetGenerator.build(spec);
            Networks.initializeGenerator(generator, spec, manager);
            System.out.printf("generator parameters %,d%n", Networks.trainableParameters(generator));
            ParameterStore store = new ParameterStore(manager, false);

            double batch1 = msPerImage(generator, store, manager, spec, 1, DataType.FLOAT32, runs);
            double batch8 = msPerImage(generator, store, manager, spec, 8, DataType.FLOAT32, Math.max(3, runs / 2));
            System.out.printf("fp32 inference: batch 1 %.1f ms/image, batch 8 %.1f ms/image (median)%n", batch1, batch8);

            memoryLoop(generator, store, manager, spec, iterations);
            if (option(args, "--bf16", 0) == 1) {
                bf16(generator, manager, spec, Math.max(3, runs / 2));
            }
            System.out.println("channels-last: not exposed by DJL 0.36's NDArray API; not measured");
        }
        trainingStep(spec, trainSteps);
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static NDArray input(NDManager manager, NetworkSpec spec, int batch, DataType type) {
        return manager.randomUniform(-1f, 1f, Networks.sketchShape(spec, batch)).toType(type, false);
    }

    private static double msPerImage(Block g, ParameterStore store, NDManager manager, NetworkSpec spec, int batch,
            DataType type, int runs) {
        double[] times = new double[runs];
        for (int r = -2; r < runs; r++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = input(scope, spec, batch, type);
                long start = System.nanoTime();
                g.forward(store, new NDList(x), false).singletonOrThrow().toType(DataType.FLOAT32, false).toFloatArray();
                if (r >= 0) {
                    times[r] = (System.nanoTime() - start) / 1e6 / batch;
                }
            }
        }
        return median(times);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** RSS sampled every tenth of the loop, so growth that levels off (allocator warm-up) shows apart from a leak. */
    private static void memoryLoop(Block g, ParameterStore store, NDManager manager, NetworkSpec spec, int iterations) {
        long start = ResidentMemory.kib();
        long max = start;
        long t0 = System.nanoTime();
        StringBuilder samples = new StringBuilder();
        int every = Math.max(1, iterations / 10);
        for (int i = 1; i <= iterations; i++) {
            try (NDManager scope = manager.newSubManager()) {
                g.forward(store, new NDList(input(scope, spec, 1, DataType.FLOAT32)), false).singletonOrThrow().toFloatArray();
            }
            long rss = ResidentMemory.kib();
            max = Math.max(max, rss);
            if (i % every == 0) {
                samples.append(' ').append(rss / 1024);
            }
        }
        System.out.printf("RSS over %d batch-1 inferences (%.0f s): start %d MiB, end %d MiB, max %d MiB%n", iterations,
                (System.nanoTime() - t0) / 1e9, start / 1024, ResidentMemory.kib() / 1024, max / 1024);
        System.out.printf("RSS every %d iterations (MiB):%s%n", every, samples);
    }

    private static void bf16(Block g32, NDManager manager, NetworkSpec spec, int runs) throws Exception {
        Path weights = Files.createTempFile("g32", ".params");
        try (NDManager bfManager = NDManager.newBaseManager(Device.cpu())) {
            ParameterFile.save(g32, weights);
            Block g16 = UNetGenerator.build(spec);
            Networks.initializeGenerator(g16, spec, bfManager);
            ParameterFile.load(g16, weights);
            g16.cast(DataType.BFLOAT16);
            ParameterStore store16 = new ParameterStore(bfManager, false);
            double batch8 = msPerImage(g16, store16, bfManager, spec, 8, DataType.BFLOAT16, runs);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = input(scope, spec, 8, DataType.FLOAT32);
                float[] a = g32.forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow().toFloatArray();
                float[] b = g16.forward(store16, new NDList(x.toType(DataType.BFLOAT16, false)), false)
                        .singletonOrThrow().toType(DataType.FLOAT32, false).toFloatArray();
                double maxDiff = 0;
                double sum = 0;
                for (int i = 0; i < a.length; i++) {
                    double d = Math.abs(a[i] - b[i]);
                    maxDiff = Math.max(maxDiff, d);
                    sum += d;
                }
                System.out.printf("bf16 inference: batch 8 %.1f ms/image; output vs fp32 (tanh range [-1,1]): "
                        + "max abs diff %.4f, mean abs diff %.5f%n", batch8, maxDiff, sum / a.length);
            }
        } catch (RuntimeException e) {
            System.out.println("bf16 inference failed on this engine: " + e);
        } finally {
            Files.deleteIfExists(weights);
        }
    }

    private static void trainingStep(NetworkSpec spec, int steps) {
        TrainingConfig config = TrainingConfig.paper(spec, 1000, 1);
        Random random = new Random(1);
        int size = spec.imageSize();
        try (Pix2PixTrainer trainer = Pix2PixTrainer.create(config, Device.cpu())) {
            double[] times = new double[steps];
            for (int s = -1; s < steps; s++) {
                float[] sketch = new float[size * size];
                float[] color = new float[3 * size * size];
                for (int i = 0; i < color.length; i++) {
                    color[i] = random.nextFloat() * 2 - 1;
                }
                double ms = trainer.trainStep(List.of(new ImagePair(sketch, color, size))).stepMillis();
                if (s >= 0) {
                    times[s] = ms;
                }
            }
            System.out.printf("training step (G+D, batch 1, 256x256): %.0f ms (median of %d)%n", median(times), steps);
        }
    }
}
