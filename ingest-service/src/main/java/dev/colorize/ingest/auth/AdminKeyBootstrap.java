package dev.colorize.ingest.auth;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ApiKeyRepository;
import dev.colorize.platform.hashing.Sha256;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Registers colorize.ingest.admin-key (hashed) as an admin key on start, so a fresh install has a way
 * in; a previous configured key that differs is revoked, so changing the setting rotates it.
 */
@ApplicationScoped
public class AdminKeyBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminKeyBootstrap.class);

    void onStart(@Observes StartupEvent event, IngestConfig config, ApiKeyRepository keys) {
        config.adminKey().ifPresentOrElse(key -> {
            if (key.length() < 16) {
                throw new IllegalStateException("colorize.ingest.admin-key must have at least 16 characters");
            }
            keys.installConfiguredAdminKey(Sha256.digest(key), ApiKeys.prefix(key));
            LOG.infof("Configured admin key %s... is active", ApiKeys.prefix(key));
        }, () -> LOG.info("No colorize.ingest.admin-key set: only admin keys already in the database work"));
    }
}
