package dev.colorize.worker.support;

import dev.colorize.ml.testing.TinyModels;
import dev.colorize.ml.nn.NetworkSpec;
import dev.colorize.platform.hashing.Sha256;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import io.agroal.api.AgroalDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Does what the trainer does: uploads artifacts, registers versions, moves aliases and announces it. */
public final class Registry {

    private final AgroalDataSource db;
    private final ObjectStore store;
    private final KafkaProducer<String, byte[]> producer;
    private final Path dir;

    public Registry(AgroalDataSource db, ObjectStore store, KafkaProducer<String, byte[]> producer) throws Exception {
        this.db = db;
        this.store = store;
        this.producer = producer;
        this.dir = Files.createTempDirectory("registry");
        store.ensureBucket();
    }

    /** A new tiny version, registered with its true SHA-256. */
    public ModelEvent register() throws Exception {
        return register(TinyModels.spec(), false);
    }

    /** {@code lie}: the registry gets a SHA-256 that the uploaded bytes do not have. */
    public ModelEvent register(NetworkSpec spec, boolean lie) throws Exception {
        byte[] zip = Files.readAllBytes(TinyModel.zip(spec, dir));
        String sha = Sha256.hex(zip);
        if (lie) {
            sha = new StringBuilder(sha).reverse().toString();
        }
        return register(zip, sha);
    }

    /** A version whose artifact is these bytes, registered with their true SHA-256 (whatever they are). */
    public ModelEvent register(byte[] artifact) throws Exception {
        return register(artifact, Sha256.hex(artifact));
    }

    private ModelEvent register(byte[] zip, String sha) throws Exception {
        try (Connection c = db.getConnection()) {
            int version;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(max(version), 0) + 1 FROM model_versions")) {
                rs.next();
                version = rs.getInt(1);
            }
            String key = ObjectKeys.modelArtifact(version);
            store.put(key, zip, "application/zip");
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO model_versions (version, artifact_key, sha256, spec) VALUES (?, ?, ?, '{}'::jsonb)")) {
                s.setInt(1, version);
                s.setString(2, key);
                s.setString(3, sha);
                s.executeUpdate();
            }
            return new ModelEvent(ModelEvent.SCHEMA_VERSION, ModelEvent.Type.REGISTERED, version, null, key, sha, Instant.now());
        }
    }

    /** Moves the alias in PostgreSQL, then publishes PROMOTED (the trainer's order). */
    public void promote(String alias, ModelEvent registered) throws Exception {
        moveAlias(alias, registered.version());
        announce(new ModelEvent(ModelEvent.SCHEMA_VERSION, ModelEvent.Type.PROMOTED, registered.version(),
                alias, registered.artifactKey(), registered.sha256(), Instant.now()));
    }

    /** Moves the alias in PostgreSQL only. */
    public void moveAlias(String alias, int version) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO model_aliases (alias, version, updated_by) VALUES (?, ?, 'test') "
                        + "ON CONFLICT (alias) DO UPDATE SET version = excluded.version, updated_at = now()")) {
            s.setString(1, alias);
            s.setInt(2, version);
            s.executeUpdate();
        }
    }

    /** Publishes a model event as it is, true or not. */
    public void announce(ModelEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.MODEL_EVENTS, event.key(), MessageCodec.encode(event))).get();
    }

    public Optional<Integer> aliasVersion(String alias) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT version FROM model_aliases WHERE alias = ?")) {
            s.setString(1, alias);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }
}
