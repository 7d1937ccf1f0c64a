package dev.colorize.trainer.dataset;

import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DatasetRepository {

    private static final String VIEW = "SELECT d.name, d.validation_fraction, d.created_by, d.created_at, "
            + "count(i.sha256) FILTER (WHERE i.split = 'train') AS train, "
            + "count(i.sha256) FILTER (WHERE i.split = 'validation') AS validation "
            + "FROM datasets d LEFT JOIN dataset_images i ON i.dataset = d.name ";
    private static final String IMAGE_COLUMNS =
            "sha256, object_key, split, width, height, byte_size, source_name, added_at";

    private final Jdbc jdbc;

    public DatasetRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** False when a dataset of that name exists already. */
    public boolean create(String name, double validationFraction, String actor) {
        return jdbc.update("INSERT INTO datasets (name, validation_fraction, created_by) VALUES (?, ?, ?) "
                + "ON CONFLICT (name) DO NOTHING", name, validationFraction, actor) == 1;
    }

    public Optional<DatasetView> find(String name) {
        return jdbc.queryOne(VIEW + "WHERE d.name = ? GROUP BY d.name", DatasetRepository::view, name);
    }

    public List<DatasetView> list() {
        return jdbc.query(VIEW + "GROUP BY d.name ORDER BY d.name", DatasetRepository::view);
    }

    /** Inserts unless the dataset has these bytes already; true when inserted. */
    public boolean add(String dataset, DatasetImage image, String actor) {
        return jdbc.update("INSERT INTO dataset_images (dataset, sha256, object_key, split, width, height, byte_size, "
                + "source_name, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                dataset, image.sha256(), image.objectKey(), image.split().column(), image.width(), image.height(),
                image.byteSize(), image.sourceName(), actor) == 1;
    }

    public Optional<DatasetImage> image(String dataset, String sha256) {
        return jdbc.queryOne("SELECT " + IMAGE_COLUMNS + " FROM dataset_images WHERE dataset = ? AND sha256 = ?",
                DatasetRepository::image, dataset, sha256);
    }

    /** Images added up to {@code asOf}, in hash order; a run's snapshot. */
    public List<DatasetImage> images(String dataset, Instant asOf) {
        return jdbc.query("SELECT " + IMAGE_COLUMNS + " FROM dataset_images WHERE dataset = ? AND added_at <= ? "
                + "ORDER BY sha256", DatasetRepository::image, dataset, asOf);
    }

    public List<DatasetImage> images(String dataset, Split split, int limit, int offset) {
        return jdbc.query("SELECT " + IMAGE_COLUMNS + " FROM dataset_images WHERE dataset = ? AND split = ? "
                + "ORDER BY added_at, sha256 LIMIT ? OFFSET ?", DatasetRepository::image, dataset, split.column(),
                limit, offset);
    }

    private static DatasetView view(ResultSet r) throws SQLException {
        return new DatasetView(r.getString("name"), r.getDouble("validation_fraction"), r.getInt("train"),
                r.getInt("validation"), r.getString("created_by"), Jdbc.instant(r, "created_at"));
    }

    private static DatasetImage image(ResultSet r) throws SQLException {
        return new DatasetImage(r.getString("sha256"), r.getString("object_key"), Split.fromColumn(r.getString("split")),
                r.getInt("width"), r.getInt("height"), r.getLong("byte_size"), r.getString("source_name"),
                Jdbc.instant(r, "added_at"));
    }
}
