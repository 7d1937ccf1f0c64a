package dev.colorize.ml.train;

import dev.colorize.ml.nn.NetworkSpec;

/**
 * Everything that defines a training run.
 *
 * @param spec networks to train
 * @param lambdaL1 weight of the L1 term in G's loss (100)
 * @param learningRate Adam learning rate of both networks ({@link #PAPER_LEARNING_RATE})
 * @param beta1 Adam beta1 (0.5)
 * @param beta2 Adam beta2 (0.999)
 * @param batchSize pairs per step (1)
 * @param totalSteps planned length of the run, used by the learning-rate schedule
 * @param decaySteps last steps over which the learning rate falls linearly to 0 (0: constant)
 * @param seed seeds initialisation, data sampling and dropout; step s uses seed + s
 */
public record TrainingConfig(
        NetworkSpec spec,
        float lambdaL1,
        float learningRate,
        float beta1,
        float beta2,
        int batchSize,
        long totalSteps,
        long decaySteps,
        long seed) {

    /** The paper's Adam learning rate: the default of every run, CLI or service. */
    public static final float PAPER_LEARNING_RATE = 2e-4f;

    public TrainingConfig {
        if (decaySteps < 0 || decaySteps > totalSteps) {
            throw new IllegalArgumentException("decaySteps must be within [0, totalSteps]");
        }
    }

    /** The paper's settings; the learning rate decays over the second half as pix2pix's 100+100 epochs. */
    public static TrainingConfig paper(NetworkSpec spec, long totalSteps, long seed) {
        return new TrainingConfig(spec, 100f, PAPER_LEARNING_RATE, 0.5f, 0.999f, 1, totalSteps, totalSteps / 2, seed);
    }

    public TrainingConfig withLearningRate(float lr) {
        return new TrainingConfig(spec, lambdaL1, lr, beta1, beta2, batchSize, totalSteps, decaySteps, seed);
    }

    public TrainingConfig withBatchSize(int batch) {
        return new TrainingConfig(spec, lambdaL1, learningRate, beta1, beta2, batch, totalSteps, decaySteps, seed);
    }

    public TrainingConfig withSchedule(long total, long decay) {
        return new TrainingConfig(spec, lambdaL1, learningRate, beta1, beta2, batchSize, total, decay, seed);
    }

    /** pix2pix's linear rule: constant, then (1 - k/(decay+1)) over the last decaySteps steps. */
    public float learningRateAt(long step) {
        long intoDecay = step - (totalSteps - decaySteps) + 1;
        if (decaySteps == 0 || intoDecay <= 0) {
            return learningRate;
        }
        return learningRate * Math.max(0f, 1f - (float) intoDecay / (decaySteps + 1));
    }
}
