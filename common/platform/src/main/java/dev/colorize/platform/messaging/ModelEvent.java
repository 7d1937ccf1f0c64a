package dev.colorize.platform.messaging;

import java.time.Instant;

/**
 * Something happened to a model version: it was registered by the trainer, or an alias (production,
 * canary) now points at it. Workers reload on PROMOTED events for the alias they serve.
 *
 * @param alias the alias moved, null for REGISTERED
 */
public record ModelEvent(
        int schemaVersion,
        Type type,
        int version,
        String alias,
        String artifactKey,
        String sha256,
        Instant at) implements Message {

    public static final int SCHEMA_VERSION = 1;

    public enum Type { REGISTERED, PROMOTED }

    public ModelEvent {
        Message.requireVersion(SCHEMA_VERSION, schemaVersion, "ModelEvent");
        if (type == Type.PROMOTED && alias == null) {
            throw new IllegalArgumentException("a PROMOTED event names its alias");
        }
    }

    @Override
    public String key() {
        return alias != null ? alias : Integer.toString(version);
    }
}
