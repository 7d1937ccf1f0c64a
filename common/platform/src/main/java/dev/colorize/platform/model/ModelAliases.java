package dev.colorize.platform.model;

import java.util.Set;

/** The registry's aliases: workers serve {@link #PRODUCTION} unless pinned; admins move both. */
public final class ModelAliases {

    public static final String PRODUCTION = "production";
    public static final String CANARY = "canary";
    public static final Set<String> ALL = Set.of(PRODUCTION, CANARY);

    private ModelAliases() {
    }
}
