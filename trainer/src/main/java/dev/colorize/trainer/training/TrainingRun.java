package dev.colorize.trainer.training;

import java.time.Instant;
import java.util.UUID;

/** A training_runs row. {@code resumedFromStep} is the checkpoint step its latest attempt resumed from. */
public record TrainingRun(UUID id, String state, String trigger, String requestedBy, String dataset, TrainingSettings settings,
        Integer parentVersion, int step, Integer totalSteps, String checkpointKey, String error, String runner,
        int attempts, Integer resumedFromStep, Integer modelVersion, Instant createdAt, Instant startedAt,
        Instant heartbeatAt, Instant finishedAt) {}
