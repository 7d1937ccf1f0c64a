package dev.colorize.ingest.service;

import dev.colorize.platform.errors.Refused;
import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which model version a chapter may pin: the production or canary version, or one an admin has marked
 * pinnable in the trainer. Anything else is refused at upload, so a publisher cannot make the worker
 * fleet download and load arbitrary (old, broken, unreviewed) versions.
 */
@ApplicationScoped
public class ModelPins {

    private final Jdbc jdbc;

    public ModelPins(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Passes no pin ({@code null}) and an allowed one; refuses any other with a 400 naming modelVersion. */
    public void check(Integer modelVersion) {
        if (modelVersion == null) {
            return;
        }
        boolean allowed = jdbc.queryOne("""
                SELECT 1 FROM model_versions v WHERE v.version = ?
                AND (v.pinnable OR EXISTS (SELECT 1 FROM model_aliases a WHERE a.version = v.version))""",
                r -> true, modelVersion).isPresent();
        if (!allowed) {
            throw Refused.invalid("model-version-not-pinnable", "modelVersion " + modelVersion
                    + " is neither the production nor the canary version, nor one an admin has marked pinnable");
        }
    }
}
