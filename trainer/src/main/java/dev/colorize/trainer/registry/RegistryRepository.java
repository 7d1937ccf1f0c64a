package dev.colorize.trainer.registry;

import dev.colorize.service.persistence.Jdbc;
import dev.colorize.trainer.persistence.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class RegistryRepository {

    private final Jdbc jdbc;
    private final JsonColumns json;

    public RegistryRepository(Jdbc jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<ModelVersion> versions() {
        return jdbc.query("SELECT * FROM model_versions ORDER BY version DESC", this::version);
    }

    public Optional<ModelVersion> version(int version) {
        return jdbc.queryOne("SELECT * FROM model_versions WHERE version = ?", this::version, version);
    }

    public Optional<ModelVersion> version(Connection c, int version) throws SQLException {
        return Jdbc.queryOne(c, "SELECT * FROM model_versions WHERE version = ?", this::version, version);
    }

    public Optional<Integer> aliasVersion(String alias) {
        return jdbc.queryOne("SELECT version FROM model_aliases WHERE alias = ?", r -> r.getInt(1), alias);
    }

    public Map<String, Integer> aliases() {
        return jdbc.query("SELECT alias, version FROM model_aliases", r -> Map.entry(r.getString(1), r.getInt(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Marks a version pinnable or not, audited; empty when there is no such version. */
    public Optional<ModelVersion> markPinnable(int version, boolean pinnable, String actor) {
        return jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE model_versions SET pinnable = ? WHERE version = ?", pinnable, version) == 0) {
                return Optional.empty();
            }
            Jdbc.update(c, "INSERT INTO model_pin_audit (version, pinnable, actor) VALUES (?, ?, ?)",
                    version, pinnable, actor);
            return version(c, version);
        });
    }

    public List<AliasChange> audit(String alias) {
        return jdbc.query("SELECT * FROM model_alias_audit WHERE alias = ? ORDER BY id DESC",
                RegistryRepository::change, alias);
    }

    public static List<AliasChange> audit(Connection c, String alias) throws SQLException {
        return Jdbc.query(c, "SELECT * FROM model_alias_audit WHERE alias = ? ORDER BY id",
                RegistryRepository::change, alias);
    }

    private static AliasChange change(ResultSet r) throws SQLException {
        return new AliasChange(r.getLong("id"), r.getString("alias"), Jdbc.nullableInt(r, "from_version"),
                r.getInt("to_version"), r.getString("actor"), r.getString("reason"), r.getBoolean("forced"),
                r.getString("action"), Jdbc.instant(r, "changed_at"));
    }

    private ModelVersion version(ResultSet r) throws SQLException {
        return new ModelVersion(r.getInt("version"), r.getString("artifact_key"), r.getString("sha256"),
                json.tree(r.getString("spec")), json.tree(r.getString("training_config")), r.getString("dataset"),
                json.read(r.getString("split"), SplitSummary.class),
                json.read(r.getString("metrics"), ValidationMetrics.class), Jdbc.nullableInt(r, "parent_version"),
                r.getObject("run_id", UUID.class), Jdbc.instant(r, "created_at"), r.getBoolean("pinnable"));
    }
}
