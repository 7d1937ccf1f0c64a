package dev.colorize.worker.model;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads the model registry (model_versions, model_aliases) that the trainer writes. */
@ApplicationScoped
public class ModelRegistryReader {

    private final AgroalDataSource dataSource;

    public ModelRegistryReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The version an alias points at, or empty when nothing was promoted to it yet. */
    public Optional<ModelVersionRef> forAlias(String alias) {
        return queryOne("SELECT v.version, v.artifact_key, v.sha256 FROM model_aliases a "
                + "JOIN model_versions v ON v.version = a.version WHERE a.alias = ?", alias);
    }

    public Optional<ModelVersionRef> forVersion(int version) {
        return queryOne("SELECT version, artifact_key, sha256 FROM model_versions WHERE version = ?", version);
    }

    private Optional<ModelVersionRef> queryOne(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new ModelVersionRef(rs.getInt(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the model registry: " + e.getMessage(), e);
        }
    }
}
