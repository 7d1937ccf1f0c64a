package dev.colorize.trainer.registry;

import dev.colorize.platform.messaging.ModelEvent;
import dev.colorize.platform.hashing.Sha256;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.service.outbox.OutboxRelay;
import dev.colorize.service.outbox.OutboxWriter;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.trainer.persistence.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Publishes a run's artifact as the next model version (the worker's reader only ever reads them), and
 * fetches published artifacts back, checked, for fine-tuning and evaluation. The version number, the upload to
 * models/v{version}/model.zip, the row, the run's success and the REGISTERED event's outbox row happen
 * under one table lock in one transaction; the event is relayed after commit.
 */
@ApplicationScoped
public class ModelPublisher {

    private final Jdbc jdbc;
    private final JsonColumns json;
    private final ObjectStore store;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;

    public ModelPublisher(Jdbc jdbc, JsonColumns json, ObjectStore store, OutboxWriter outbox, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** Returns the new version's number. */
    public int register(NewVersion candidate) throws IOException {
        byte[] zip = Files.readAllBytes(candidate.artifactZip());
        String sha256 = Sha256.hex(zip);
        int version = jdbc.inTransaction(c -> {
            // serialises registrations so max + 1 is never taken twice (a rolled-back attempt reuses its key)
            Jdbc.update(c, "LOCK TABLE model_versions IN SHARE ROW EXCLUSIVE MODE");
            int next = Jdbc.queryOne(c, "SELECT coalesce(max(version), 0) + 1 FROM model_versions", r -> r.getInt(1))
                    .orElseThrow();
            String key = ObjectKeys.modelArtifact(next);
            store.put(key, zip, "application/zip");
            Jdbc.update(c, "INSERT INTO model_versions (version, artifact_key, sha256, spec, training_config, dataset, "
                    + "split, metrics, parent_version, run_id) VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, "
                    + "?::jsonb, ?, ?)", next, key, sha256, json.write(candidate.spec()),
                    json.write(candidate.trainingConfig()), candidate.dataset(), json.write(candidate.split()),
                    json.write(candidate.metrics()), candidate.parentVersion(), candidate.runId());
            Jdbc.update(c, "UPDATE training_runs SET state = 'succeeded', model_version = ?, finished_at = now(), "
                    + "error = NULL WHERE id = ?", next, candidate.runId());
            outbox.add(c, Topics.MODEL_EVENTS, new ModelEvent(ModelEvent.SCHEMA_VERSION, ModelEvent.Type.REGISTERED,
                    next, null, key, sha256, Instant.now()));
            return next;
        });
        relay.wakeUp();
        return version;
    }

    /** Downloads a version's artifact zip into {@code folder}. */
    public Path download(ModelVersion version, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path zip = folder.resolve("v" + version.version() + ".zip");
        byte[] bytes = store.get(version.artifactKey());
        if (!Sha256.hex(bytes).equals(version.sha256())) {
            throw new IOException(version.artifactKey() + " does not match the registered SHA-256");
        }
        Files.write(zip, bytes);
        return zip;
    }
}
