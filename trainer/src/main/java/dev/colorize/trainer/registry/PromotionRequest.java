package dev.colorize.trainer.registry;

/**
 * POST /v1/admin/aliases/{alias}: point the alias at {@code version}. {@code force} overrides the
 * quality gate and then needs a {@code reason}.
 */
public record PromotionRequest(Integer version, String reason, Boolean force) {}
