package dev.colorize.ingest.webhook;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.service.persistence.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes delivered webhooks (their attempts cascade) once past the retention, so the tables stay the size of
 * the recent traffic. Pending and failed deliveries stay: they are what an operator or publisher acts on.
 * Batches keep each transaction short; replicas running it at once just delete disjoint or no rows.
 */
@ApplicationScoped
public class WebhookPruning {

    private static final Logger LOG = Logger.getLogger(WebhookPruning.class);
    private static final int BATCH = 1000;

    private final Jdbc jdbc;
    private final Duration retention;

    public WebhookPruning(Jdbc jdbc, IngestConfig config) {
        this.jdbc = jdbc;
        this.retention = config.webhook().retention();
    }

    @Scheduled(every = "${colorize.ingest.webhook.prune-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneDelivered() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    DELETE FROM webhook_deliveries WHERE id IN (
                      SELECT id FROM webhook_deliveries
                      WHERE state = 'succeeded' AND updated_at < now() - ? * interval '1 millisecond'
                      LIMIT ? FOR UPDATE SKIP LOCKED)""", retention.toMillis(), BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.infof("Deleted %d delivered webhooks older than %s", total, retention);
        }
    }
}
