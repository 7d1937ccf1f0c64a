package dev.colorize.trainer.registry;

/** POST /v1/admin/aliases/{alias}/rollback. */
public record RollbackRequest(String reason) {}
