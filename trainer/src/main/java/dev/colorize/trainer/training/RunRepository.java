package dev.colorize.trainer.training;

import dev.colorize.service.persistence.Jdbc;
import dev.colorize.trainer.persistence.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RunRepository {

    private final Jdbc jdbc;
    private final JsonColumns json;

    public RunRepository(Jdbc jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(UUID id, String trigger, String requestedBy, String dataset, TrainingSettings settings,
            Integer parent) {
        jdbc.update("INSERT INTO training_runs (id, trigger, requested_by, dataset, config, parent_version, total_steps) "
                + "VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (id) DO NOTHING", id, trigger, requestedBy, dataset,
                json.write(settings), parent, (int) settings.lastStep());
    }

    public Optional<TrainingRun> find(UUID id) {
        return jdbc.queryOne("SELECT * FROM training_runs WHERE id = ?", this::run, id);
    }

    public List<TrainingRun> list(int limit) {
        return jdbc.query("SELECT * FROM training_runs ORDER BY created_at DESC LIMIT ?", this::run, limit);
    }

    /** The oldest run still to do: queued, or running but abandoned (its trainer died and lost the lock). */
    public Optional<TrainingRun> nextPending() {
        return jdbc.queryOne("SELECT * FROM training_runs WHERE state IN ('queued', 'running') "
                + "ORDER BY created_at, id LIMIT 1", this::run);
    }

    public void markRunning(UUID id, String runner, Integer resumedFromStep) {
        jdbc.update("UPDATE training_runs SET state = 'running', runner = ?, attempts = attempts + 1, "
                + "resumed_from_step = ?, started_at = coalesce(started_at, now()), heartbeat_at = now() WHERE id = ?",
                runner, resumedFromStep, id);
    }

    /**
     * Gives back the attempt a graceful stop took: the run was left at a checkpoint on purpose, so resuming it
     * later is no sign that it kills trainers. Only the runner that holds it may.
     */
    public void releaseAttempt(UUID id, String runner) {
        jdbc.update("UPDATE training_runs SET attempts = attempts - 1 "
                + "WHERE id = ? AND runner = ? AND state = 'running' AND attempts > 0", id, runner);
    }

    public void checkpointed(UUID id, int step, String checkpointKey) {
        jdbc.update("UPDATE training_runs SET step = ?, checkpoint_key = ?, heartbeat_at = now() WHERE id = ?",
                step, checkpointKey, id);
    }

    public void fail(UUID id, String error) {
        jdbc.update("UPDATE training_runs SET state = 'failed', error = ?, finished_at = now() WHERE id = ?",
                error, id);
    }

    /** Records steps (again, after a resume: a step redone from the checkpoint replaces its first record). */
    public void record(UUID id, List<ProgressRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.inTransaction(c -> {
            for (ProgressRow row : rows) {
                Jdbc.update(c, "INSERT INTO training_progress (run_id, step, d_loss, g_gan_loss, g_l1_loss, step_ms) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, step) DO UPDATE SET d_loss = excluded.d_loss, "
                        + "g_gan_loss = excluded.g_gan_loss, g_l1_loss = excluded.g_l1_loss, step_ms = excluded.step_ms, "
                        + "recorded_at = now()", id, row.step(), row.discriminatorLoss(), row.generatorGanLoss(),
                        row.generatorL1Loss(), row.stepMillis());
            }
            Jdbc.update(c, "UPDATE training_runs SET step = ?, heartbeat_at = now() WHERE id = ?",
                    rows.get(rows.size() - 1).step(), id);
            return null;
        });
    }

    public List<ProgressRow> progress(UUID id, int fromStep, int limit) {
        return jdbc.query("SELECT step, d_loss, g_gan_loss, g_l1_loss, step_ms FROM training_progress "
                + "WHERE run_id = ? AND step >= ? ORDER BY step LIMIT ?", r -> new ProgressRow(r.getInt("step"),
                r.getDouble("d_loss"), r.getDouble("g_gan_loss"), r.getDouble("g_l1_loss"), r.getDouble("step_ms")),
                id, fromStep, limit);
    }

    /** Training time spent up to a step, for a time budget that survives resumes. */
    public double trainedMillis(UUID id, long upToStep) {
        return jdbc.queryOne("SELECT coalesce(sum(step_ms), 0) FROM training_progress WHERE run_id = ? AND step <= ?",
                r -> r.getDouble(1), id, (int) upToStep).orElse(0.0);
    }

    /**
     * A run's settings; a row of version 1 (no "version": spec, steps, timeBudgetSeconds, learningRate, seed,
     * checkpointEvery, fineTune) meant the paper's batch 1 and decay over the second half, and no more.
     */
    private TrainingSettings settings(String column) {
        ObjectNode stored = json.read(column, ObjectNode.class);
        if (!stored.has("version")) {
            long steps = stored.get("steps").asLong();
            stored.put("version", 1).put("decaySteps", steps / 2).put("untilStep", steps).put("batchSize", 1)
                    .put("checkpointMinutes", 0).put("validationLimit", 150);
            stored.putObject("augmentations").put("probability", 0.3).put("scaleMin", 1).putArray("styles");
        }
        return json.read(stored.toString(), TrainingSettings.class);
    }

    private TrainingRun run(ResultSet r) throws SQLException {
        return new TrainingRun(r.getObject("id", UUID.class), r.getString("state"), r.getString("trigger"),
                r.getString("requested_by"), r.getString("dataset"), settings(r.getString("config")),
                Jdbc.nullableInt(r, "parent_version"), r.getInt("step"), Jdbc.nullableInt(r, "total_steps"),
                r.getString("checkpoint_key"), r.getString("error"), r.getString("runner"), r.getInt("attempts"),
                Jdbc.nullableInt(r, "resumed_from_step"), Jdbc.nullableInt(r, "model_version"),
                Jdbc.instant(r, "created_at"), Jdbc.instant(r, "started_at"), Jdbc.instant(r, "heartbeat_at"),
                Jdbc.instant(r, "finished_at"));
    }
}
