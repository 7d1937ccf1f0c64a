package dev.colorize.ingest.upload;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.platform.errors.Refused;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upload spool disk of this replica, shared by every upload in work (colorize.ingest.upload.spool-budget-bytes):
 * an upload takes the bytes of its parts as Quarkus spooled them when it starts, and those of each archive entry
 * before they are written, and gives them all back when it ends, however it ends. One that would pass the budget is
 * refused 503 with Retry-After rather than 507: the disk is not too small for it, it is busy with other uploads, and
 * frees as they end (clients and proxies retry a 503 by its Retry-After; a 507 reads as final).
 */
@ApplicationScoped
public class SpoolBudget {

    /** An archive upload is inflated and stored in seconds to a minute; by then the uploads in work have ended. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final long budget;
    private final AtomicLong inUse = new AtomicLong();

    public SpoolBudget(IngestConfig config, MeterRegistry metrics) {
        this.budget = config.upload().spoolBudgetBytes();
        Gauge.builder("colorize.ingest.upload.spool.bytes", inUse, AtomicLong::get)
                .description("bytes of the upload spool held by uploads in work").baseUnit("bytes").register(metrics);
    }

    /** One upload's share, empty until it takes bytes. */
    public Reservation open() {
        return new Reservation();
    }

    /** Bytes held by all uploads in work. */
    public long inUse() {
        return inUse.get();
    }

    /** The bytes one upload holds; used by the upload's request thread only, closing gives them all back once. */
    public final class Reservation implements AutoCloseable {

        private long held;

        private Reservation() {
        }

        /** Takes bytes for the upload before they reach the disk, or refuses the upload naming its file. */
        public void take(long bytes, String file) {
            long current;
            do {
                current = inUse.get();
                if (current + bytes > budget) {
                    throw full(bytes, current, file);
                }
            } while (!inUse.compareAndSet(current, current + bytes));
            held += bytes;
        }

        @Override
        public void close() {
            inUse.addAndGet(-held);
            held = 0;
        }
    }

    private Refused full(long bytes, long current, String file) {
        return Refused.unavailable("spool-full", "The upload spool has no room for " + file + ": it needs " + bytes
                + " more bytes while uploads in work hold " + current + " of its " + budget
                + " (colorize.ingest.upload.spool-budget-bytes). Nothing of this upload was stored; send it again after "
                + RETRY_AFTER.toSeconds() + " s", file, RETRY_AFTER);
    }
}
