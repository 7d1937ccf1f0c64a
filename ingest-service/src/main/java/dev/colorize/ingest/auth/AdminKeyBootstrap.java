package dev.colorize.ingest.auth;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ApiKeyRepository;
import dev.colorize.service.auth.ApiKeys;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Registers colorize.ingest.admin-key (hashed) as an admin key on start, so a fresh install has a way
 * in; a previous configured key that differs is revoked, so changing the setting rotates it. A configured key
 * that was revoked stays revoked across restarts: revoking is how an operator shuts a leaked key out.
 * Nothing of the key is logged.
 */
@ApplicationScoped
public class AdminKeyBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminKeyBootstrap.class);

    private final IngestConfig config;
    private final ApiKeyRepository keys;

    public AdminKeyBootstrap(IngestConfig config, ApiKeyRepository keys) {
        this.config = config;
        this.keys = keys;
    }

    void onStart(@Observes StartupEvent event) {
        install();
    }

    /** What every start does; public so that restart semantics can be tested without a restart. */
    public void install() {
        config.adminKey().ifPresentOrElse(key -> {
            if (key.length() < 16) {
                throw new IllegalStateException("colorize.ingest.admin-key must have at least 16 characters");
            }
            if (keys.installConfiguredAdminKey(ApiKeys.hash(key), ApiKeys.prefix(key))) {
                LOG.info("The configured admin key (colorize.ingest.admin-key) is active");
            } else {
                LOG.warn("The configured admin key (colorize.ingest.admin-key) was revoked and stays revoked: "
                        + "configure a new one to have a configured admin key");
            }
        }, () -> LOG.info("No colorize.ingest.admin-key set: only admin keys already in the database work"));
    }
}
