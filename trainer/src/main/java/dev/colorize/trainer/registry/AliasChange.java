package dev.colorize.trainer.registry;

import java.time.Instant;

/** A model_alias_audit row: who moved which alias from where to where, when and why. */
public record AliasChange(long id, String alias, Integer fromVersion, int toVersion, String actor, String reason,
        boolean forced, String action, Instant changedAt) {}
