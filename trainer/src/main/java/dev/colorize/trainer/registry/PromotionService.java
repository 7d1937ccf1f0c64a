package dev.colorize.trainer.registry;

import dev.colorize.platform.model.ModelAliases;
import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.service.outbox.OutboxRelay;
import dev.colorize.service.outbox.OutboxWriter;
import dev.colorize.trainer.config.TrainerConfig;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.platform.errors.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Moves aliases: alias row, audit row and PROMOTED event's outbox row in one transaction (serialised per
 * alias by a transaction advisory lock), the event relayed after commit.
 */
@ApplicationScoped
public class PromotionService {

    private final Jdbc jdbc;
    private final RegistryRepository registry;
    private final QualityGate gate;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;

    public PromotionService(Jdbc jdbc, RegistryRepository registry, TrainerConfig config, OutboxWriter outbox,
            OutboxRelay relay) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.gate = new QualityGate(config.promotion().maxL1Regression());
        this.outbox = outbox;
        this.relay = relay;
    }

    public AliasChange promote(String alias, PromotionRequest request, String actor) {
        requireAlias(alias);
        if (request == null || request.version() == null) {
            throw Refused.invalid("version-required", "Name the version to promote");
        }
        boolean force = Boolean.TRUE.equals(request.force());
        if (force && isBlank(request.reason())) {
            throw Refused.invalid("reason-required", "A forced promotion needs a reason");
        }
        AliasChange change = jdbc.inTransaction(c -> {
            lockAlias(c, alias);
            ModelVersion candidate = registry.version(c, request.version())
                    .orElseThrow(() -> Refused.notFound("Model version " + request.version()));
            Optional<Integer> current = currentVersion(c, alias);
            if (current.isPresent() && current.get() == candidate.version()) {
                throw Refused.conflict("already-promoted",
                        alias + " is version " + candidate.version() + " already");
            }
            Optional<ModelVersion> production = currentVersion(c, ModelAliases.PRODUCTION).flatMap(v -> version(c, v));
            Optional<String> refusal = production.flatMap(p -> gate.refusal(candidate, p));
            if (refusal.isPresent() && !force) {
                throw Refused.conflict("quality-gate", refusal.get() + "; promote with force=true and a reason to override");
            }
            return move(c, alias, current.orElse(null), candidate, actor, request.reason(), refusal.isPresent(),
                    "promote");
        });
        relay.wakeUp();
        return change;
    }

    /** Points the alias back at the version it had before its latest promotion still in effect. */
    public AliasChange rollback(String alias, RollbackRequest request, String actor) {
        requireAlias(alias);
        AliasChange change = jdbc.inTransaction(c -> {
            lockAlias(c, alias);
            int current = currentVersion(c, alias)
                    .orElseThrow(() -> Refused.conflict("nothing-to-roll-back", alias + " is not set"));
            int target = previousVersion(RegistryRepository.audit(c, alias)).orElseThrow(() ->
                    Refused.conflict("nothing-to-roll-back", alias + " has no previous version"));
            ModelVersion version = registry.version(c, target).orElseThrow();
            return move(c, alias, current, version, actor, request == null ? null : request.reason(), false,
                    "rollback");
        });
        relay.wakeUp();
        return change;
    }

    /** Replays the history: a promotion pushes the version it replaced, a rollback pops it. */
    static Optional<Integer> previousVersion(Iterable<AliasChange> historyOldestFirst) {
        Deque<Integer> replaced = new ArrayDeque<>();
        for (AliasChange change : historyOldestFirst) {
            if ("rollback".equals(change.action())) {
                replaced.poll();
            } else if (change.fromVersion() != null) {
                replaced.push(change.fromVersion());
            }
        }
        return Optional.ofNullable(replaced.peek());
    }

    private AliasChange move(Connection c, String alias, Integer from, ModelVersion to, String actor, String reason,
            boolean forced, String action) throws SQLException {
        Jdbc.update(c, "INSERT INTO model_aliases (alias, version, updated_at, updated_by) VALUES (?, ?, now(), ?) "
                + "ON CONFLICT (alias) DO UPDATE SET version = excluded.version, updated_at = now(), "
                + "updated_by = excluded.updated_by", alias, to.version(), actor);
        long id = Jdbc.queryOne(c, "INSERT INTO model_alias_audit (alias, from_version, to_version, actor, reason, "
                + "forced, action) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", r -> r.getLong(1), alias, from,
                to.version(), actor, reason, forced, action).orElseThrow();
        Instant now = Instant.now();
        outbox.add(c, Topics.MODEL_EVENTS, new ModelEvent(ModelEvent.SCHEMA_VERSION, ModelEvent.Type.PROMOTED,
                to.version(), alias, to.artifactKey(), to.sha256(), now));
        return new AliasChange(id, alias, from, to.version(), actor, reason, forced, action, now);
    }

    private Optional<ModelVersion> version(Connection c, int version) {
        try {
            return registry.version(c, version);
        } catch (SQLException e) {
            throw new Jdbc.DataAccessException(e);
        }
    }

    private static Optional<Integer> currentVersion(Connection c, String alias) throws SQLException {
        return Jdbc.queryOne(c, "SELECT version FROM model_aliases WHERE alias = ?", r -> r.getInt(1), alias);
    }

    private static void lockAlias(Connection c, String alias) throws SQLException {
        Jdbc.queryOne(c, "SELECT pg_advisory_xact_lock(hashtext('model_alias:' || ?))", r -> true, alias);
    }

    static void requireAlias(String alias) {
        if (!ModelAliases.ALL.contains(alias)) {
            throw Refused.notFound("Alias " + alias);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
