package dev.colorize.trainer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A model_versions row; {@code pinnable}: chapters may pin it though no alias points at it. */
public record ModelVersion(int version, String artifactKey, String sha256, JsonNode spec, JsonNode trainingConfig,
        String dataset, SplitSummary split, ValidationMetrics metrics, Integer parentVersion, UUID runId,
        Instant createdAt, boolean pinnable) {}
