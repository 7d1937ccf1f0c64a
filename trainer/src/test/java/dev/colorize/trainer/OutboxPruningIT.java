package dev.colorize.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.service.outbox.OutboxPruner;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL of the embedded stack, with the trainer's relay running beside it. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class OutboxPruningIT {

    @Inject
    Jdbc jdbc;

    @Test
    void publishedRowsPastTheRetentionArePrunedAndUnsentRowsNeverAre() {
        long old = row("now() - interval '8 days'", "now() - interval '8 days'");
        long recent = row("now() - interval '8 days'", "now() - interval '1 hour'");
        long unsent = row("now() - interval '30 days'", null);

        try {
            int pruned = jdbc.inTransaction(c -> {
                // hold the unsent row as a relay mid-send would, so the running relay cannot publish it meanwhile
                Jdbc.query(c, "SELECT 1 FROM outbox WHERE id = ? FOR UPDATE", r -> 1, unsent);
                return new OutboxPruner(jdbc, Duration.ofDays(7)).prune();
            });

            assertThat(pruned).isGreaterThanOrEqualTo(1);
            assertThat(exists(old)).isFalse();
            assertThat(exists(recent)).isTrue();
            assertThat(exists(unsent)).isTrue();
        } finally {
            jdbc.update("DELETE FROM outbox WHERE id IN (?, ?, ?)", old, recent, unsent);
        }
    }

    @Test
    void theRetentionJobsFindOldRowsThroughAnIndexNotByScanningTheTable() {
        // planner told to avoid scans: it still scans when no index can answer the retention query
        String outboxPlan = plan("SELECT id FROM outbox WHERE published_at < now() - interval '7 days'");
        String deliveriesPlan = plan("SELECT id FROM webhook_deliveries "
                + "WHERE state = 'succeeded' AND updated_at < now() - interval '30 days'");

        assertThat(outboxPlan).contains("outbox_published").doesNotContain("Seq Scan");
        assertThat(deliveriesPlan).contains("webhook_deliveries_succeeded").doesNotContain("Seq Scan");
    }

    private String plan(String query) {
        return jdbc.inTransaction(c -> {
            Jdbc.update(c, "SET LOCAL enable_seqscan = off");
            return String.join("\n", Jdbc.query(c, "EXPLAIN " + query, r -> r.getString(1)));
        });
    }

    private long row(String createdAt, String publishedAt) {
        return jdbc.queryOne("INSERT INTO outbox (topic, message_key, payload, created_at, published_at) "
                + "VALUES ('test.pruning', 'k', '{}', " + createdAt + ", " + publishedAt + ") RETURNING id",
                r -> r.getLong(1)).orElseThrow();
    }

    private boolean exists(long id) {
        return jdbc.queryOne("SELECT 1 FROM outbox WHERE id = ?", r -> 1, id).isPresent();
    }
}
