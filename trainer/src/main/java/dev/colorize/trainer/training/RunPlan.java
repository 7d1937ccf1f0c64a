package dev.colorize.trainer.training;

import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.ml.train.TrainingConfig;

/**
 * How a run trains, stored as training_runs.config: the paper's objective and optimizer with these
 * choices. A run ends after {@code steps} steps or {@code timeBudgetSeconds} of training, whichever
 * comes first.
 *
 * @param timeBudgetSeconds null for no budget; counts training time only, across resumes
 * @param fineTune start from the generator of the parent (production) version
 */
public record RunPlan(NetworkSpec spec, long steps, Long timeBudgetSeconds, float learningRate, long seed,
        int checkpointEvery, boolean fineTune) {

    public TrainingConfig trainingConfig() {
        return TrainingConfig.paper(spec, steps, seed).withLearningRate(learningRate);
    }
}
