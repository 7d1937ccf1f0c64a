package dev.colorize.service.outbox;

import dev.colorize.service.persistence.Jdbc;
import java.time.Duration;

/**
 * Deletes outbox rows published longer ago than the retention, so the table holds the recent history and
 * what is still to send rather than every message ever sent. Rows not yet published are never deleted.
 */
public final class OutboxPruner {

    /** Rows per statement: a long backlog goes in short transactions that never hold the table for long. */
    private static final int CHUNK = 10_000;

    private final Jdbc jdbc;
    private final Duration retention;

    public OutboxPruner(Jdbc jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /** Returns how many rows it deleted. */
    public int prune() {
        int total = 0;
        int deleted;
        do {
            // SKIP LOCKED: rows a relay is publishing right now wait for the next round
            deleted = jdbc.update("""
                    DELETE FROM outbox WHERE id IN (SELECT id FROM outbox
                    WHERE published_at < now() - make_interval(secs => ?) LIMIT ? FOR UPDATE SKIP LOCKED)""",
                    (double) retention.toSeconds(), CHUNK);
            total += deleted;
        } while (deleted == CHUNK);
        return total;
    }
}
