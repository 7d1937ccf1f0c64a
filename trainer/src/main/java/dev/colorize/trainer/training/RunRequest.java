package dev.colorize.trainer.training;

import dev.colorize.ml.nn.NetworkSpec;

/**
 * POST /v1/admin/runs. Everything but the dataset is optional: the paper's network and learning rate,
 * the configured step count and checkpoint interval, seed 1, from scratch.
 */
public record RunRequest(String dataset, Long steps, Long timeBudgetSeconds, Boolean fineTune, NetworkSpec spec,
        Float learningRate, Long seed, Integer checkpointEvery) {}
