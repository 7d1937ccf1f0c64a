package dev.colorize.worker.storage;

import dev.colorize.platform.storage.ObjectStoreException;
import dev.colorize.worker.config.WorkerConfig;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** Retries object store calls that failed transiently (unreachable, overloaded), with exponential backoff. */
public final class StoreRetry {

    private static final Logger LOG = Logger.getLogger(StoreRetry.class);

    private final int attempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public StoreRetry(WorkerConfig.Retry config) {
        this.attempts = Math.max(1, config.attempts());
        this.initialBackoff = config.initialBackoff();
        this.maxBackoff = config.maxBackoff();
    }

    /** The call's value; after the last try, or at once for a permanent fault, its {@link ObjectStoreException}. */
    public <T> T call(String what, Supplier<T> call) {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ObjectStoreException e) {
                if (!e.isTransient() || attempt >= attempts) {
                    throw e;
                }
                LOG.warnf("%s failed (try %d of %d), retrying in %d ms: %s", what, attempt, attempts,
                        backoff.toMillis(), e.getMessage());
                sleep(backoff);
                backoff = next(backoff);
            }
        }
    }

    public void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** The longest a call can spend backing off: bounds a batch's time inside Kafka's poll interval. */
    public Duration worstCaseBackoff() {
        Duration total = Duration.ZERO;
        Duration backoff = initialBackoff;
        for (int i = 1; i < attempts; i++) {
            total = total.plus(backoff);
            backoff = next(backoff);
        }
        return total;
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException("interrupted while backing off", false, e);
        }
    }
}
