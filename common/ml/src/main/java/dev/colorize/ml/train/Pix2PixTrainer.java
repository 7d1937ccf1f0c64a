package dev.colorize.ml.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.nn.GradMode;
import dev.colorize.ml.nn.Networks;
import dev.colorize.ml.nn.ParameterFile;
import dev.colorize.ml.nn.PatchGanDiscriminator;
import dev.colorize.ml.nn.UNetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Adversarial training of the generator and the PatchGAN, one pix2pix step at a time: D on (real,
 * detached fake), then G on (fool D, L1 to the target) with D's weights frozen.
 */
public final class Pix2PixTrainer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE_FILE = "trainer.json";

    private final TrainingConfig config;
    private final NDManager manager;
    private final Block generator;
    private final Block discriminator;
    private final ParameterStore store;
    private final AdamOptimizer generatorOptimizer;
    private final AdamOptimizer discriminatorOptimizer;
    private long step;

    private Pix2PixTrainer(TrainingConfig config, Device device) {
        GradMode.offOnThisThread();
        this.config = config;
        this.manager = NDManager.newBaseManager(device);
        Engine.getInstance().setRandomSeed((int) config.seed());
        this.generator = UNetGenerator.build(config.spec());
        this.discriminator = PatchGanDiscriminator.build(config.spec());
        Networks.initializeGenerator(generator, config.spec(), manager);
        Networks.initializeDiscriminator(discriminator, config.spec(), manager);
        this.store = new ParameterStore(manager, false);
        this.generatorOptimizer = new AdamOptimizer(manager, config.beta1(), config.beta2());
        this.discriminatorOptimizer = new AdamOptimizer(manager, config.beta1(), config.beta2());
    }

    /** Fresh networks with pix2pix's initialisation, seeded by the config. */
    public static Pix2PixTrainer create(TrainingConfig config, Device device) {
        return new Pix2PixTrainer(config, device);
    }

    /** Continues a run from {@link #saveCheckpoint}: same weights, optimizer moments and step. */
    public static Pix2PixTrainer resume(Path checkpoint, Device device) throws IOException {
        CheckpointState state = JSON.readValue(checkpoint.resolve(STATE_FILE).toFile(), CheckpointState.class);
        Pix2PixTrainer trainer = new Pix2PixTrainer(state.config(), device);
        try {
            ParameterFile.load(trainer.generator, checkpoint.resolve("generator.params"));
            ParameterFile.load(trainer.discriminator, checkpoint.resolve("discriminator.params"));
            trainer.generatorOptimizer.load(checkpoint.resolve("generator-adam.state"));
            trainer.discriminatorOptimizer.load(checkpoint.resolve("discriminator-adam.state"));
        } catch (IOException | RuntimeException e) {
            trainer.close();
            throw e;
        }
        trainer.step = state.step();
        return trainer;
    }

    /** Both networks, both optimizers' full state, the step and the config. */
    public void saveCheckpoint(Path dir) throws IOException {
        Files.createDirectories(dir);
        ParameterFile.save(generator, dir.resolve("generator.params"));
        ParameterFile.save(discriminator, dir.resolve("discriminator.params"));
        generatorOptimizer.save(dir.resolve("generator-adam.state"));
        discriminatorOptimizer.save(dir.resolve("discriminator-adam.state"));
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(STATE_FILE).toFile(),
                new CheckpointState(step, config));
    }

    /** What {@link #resume} reads back besides the tensors. */
    public record CheckpointState(long step, TrainingConfig config) {}

    /** Runs {@code steps} steps; step s draws its batch and dropout masks from seed + s. */
    public void train(TrainingData data, long steps, TrainingListener listener) {
        trainUntil(data, step + steps, Double.MAX_VALUE, 0, listener::onStep);
    }

    /**
     * Trains until the run reaches step {@code lastStep} or its steps have taken {@code budgetMillis} of
     * training time, whichever comes first. Training time is the steps' own (checkpoints and evaluation
     * in the handler do not count) and starts at {@code trainedMillis}, what the run spent before a resume.
     *
     * @return the training time reached
     */
    public <E extends Exception> double trainUntil(TrainingData data, long lastStep, double budgetMillis,
            double trainedMillis, StepHandler<E> handler) throws E {
        double trained = trainedMillis;
        try (BatchPrefetcher batches = prefetch(data)) {
            while (step < lastStep && trained < budgetMillis) {
                handler.beforeStep(step);
                StepMetrics metrics = trainStep(batches.next());
                trained += metrics.stepMillis();
                handler.afterStep(metrics);
            }
        }
        return trained;
    }

    /** Batches for the coming steps, read ahead on another thread; feed each to {@link #trainStep}. */
    public BatchPrefetcher prefetch(TrainingData data) {
        return new BatchPrefetcher(data, config.seed(), config.batchSize(), step);
    }

    /**
     * Re-estimates the generator's BatchNorm running statistics from {@code batches} fresh training
     * batches (forward passes in training mode, no update of any weight), so that the eval-mode generator
     * a checkpoint saves matches the current weights: adversarial training moves them faster than the
     * running averages follow, and eval-mode outputs then drift far from train-mode ones. Draws its data
     * from its own random, so the steps' batches stay as they were.
     */
    public void recalibrateNormalization(TrainingData data, int batches) {
        GradMode.offOnThisThread();
        Random random = new Random(config.seed() ^ (step * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < batches; i++) {
            List<ImagePair> batch = new java.util.ArrayList<>(config.batchSize());
            for (int b = 0; b < config.batchSize(); b++) {
                batch.add(data.sample(random));
            }
            try (NDManager scope = manager.newSubManager()) {
                generator.forward(store, new NDList(stack(scope, batch, true)), true);
            }
        }
    }

    /** One D update and one G update on the batch. */
    public StepMetrics trainStep(List<ImagePair> batch) {
        long start = System.nanoTime();
        GradMode.offOnThisThread(); // the optimizer's in-place updates may run on another thread than creation
        Engine.getInstance().setRandomSeed((int) (config.seed() + step));
        float lr = config.learningRateAt(step);
        float dLoss;
        float gGan;
        float gL1;
        try (NDManager iteration = manager.newSubManager()) {
            NDArray sketch = stack(iteration, batch, true);
            NDArray real = stack(iteration, batch, false);
            NDArray fake;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                fake = generator.forward(store, new NDList(sketch), true).singletonOrThrow();
                NDArray realLogits = discriminate(sketch, real);
                NDArray fakeLogits = discriminate(sketch, fake.stopGradient());
                NDArray loss = Pix2PixLosses.discriminatorLoss(realLogits, fakeLogits);
                collector.backward(loss);
                dLoss = loss.getFloat();
            }
            discriminatorOptimizer.update(discriminator.getParameters(), lr); // false: skipped, gradients not finite

            setTrainable(discriminator, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray gan = Pix2PixLosses.bceWithLogits(discriminate(sketch, fake), 1f);
                NDArray l1 = Pix2PixLosses.l1(real, fake);
                NDArray weights = lossWeights(iteration, batch);
                NDArray reconstruction = weights == null ? l1 : Pix2PixLosses.weightedL1(real, fake, weights);
                collector.backward(gan.add(reconstruction.mul(Pix2PixLosses.constant(l1, config.lambdaL1()))));
                gGan = gan.getFloat();
                gL1 = l1.getFloat(); // unweighted, so runs with and without weights read alike
            } finally {
                setTrainable(discriminator, true);
            }
            generatorOptimizer.update(generator.getParameters(), lr);
        }
        step++;
        return new StepMetrics(step, dLoss, gGan, gL1, (System.nanoTime() - start) / 1e6, lr);
    }

    private NDArray discriminate(NDArray sketch, NDArray color) {
        return discriminator.forward(store, new NDList(sketch, color), true).singletonOrThrow();
    }

    /**
     * Freezes only the trainable arrays: Parameter.freeze(false) would also make BatchNorm's running
     * statistics require gradients, and PyTorch then refuses their in-place update.
     */
    private static void setTrainable(Block network, boolean trainable) {
        for (Parameter p : network.getParameters().values()) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(trainable);
            }
        }
    }

    private static NDArray stack(NDManager manager, List<ImagePair> batch, boolean sketch) {
        int size = batch.get(0).size();
        int channels = sketch ? batch.get(0).sketch().length / (size * size) : 3;
        float[] all = new float[batch.size() * channels * size * size];
        for (int i = 0; i < batch.size(); i++) {
            float[] one = sketch ? batch.get(i).sketch() : batch.get(i).color();
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return manager.create(all, new Shape(batch.size(), channels, size, size));
    }

    /** N x 1 x H x W weights of the pairs' pixels in the L1 term (1 where a pair has none), or null if none has. */
    private static NDArray lossWeights(NDManager manager, List<ImagePair> batch) {
        if (batch.stream().allMatch(pair -> pair.lossWeights() == null)) {
            return null;
        }
        int size = batch.get(0).size();
        int pixels = size * size;
        float[] all = new float[batch.size() * pixels];
        for (int i = 0; i < batch.size(); i++) {
            float[] weights = batch.get(i).lossWeights();
            if (weights == null) {
                Arrays.fill(all, i * pixels, (i + 1) * pixels, 1f);
            } else {
                System.arraycopy(weights, 0, all, i * pixels, pixels);
            }
        }
        return manager.create(all, new Shape(batch.size(), 1, size, size));
    }

    /** Updates of D and G skipped because their gradients were not finite (see {@link AdamOptimizer#update}). */
    public long skippedUpdates() {
        return discriminatorOptimizer.skippedUpdates() + generatorOptimizer.skippedUpdates();
    }

    public long step() {
        return step;
    }

    public TrainingConfig config() {
        return config;
    }

    /** The generator being trained (owned by the trainer). */
    public Block generator() {
        return generator;
    }

    public Block discriminator() {
        return discriminator;
    }

    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        generatorOptimizer.close();
        discriminatorOptimizer.close();
        manager.close();
    }
}
