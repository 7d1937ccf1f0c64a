package dev.colorize.worker.storage;

import dev.colorize.platform.storage.ObjectStoreException;
import dev.colorize.worker.config.WorkerConfig;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Retries object store calls that failed transiently (unreachable, overloaded) with exponential backoff,
 * for a time budget rather than a number of tries: a store restart of a minute or two costs time, not pages.
 */
public final class StoreRetry {

    private static final Logger LOG = Logger.getLogger(StoreRetry.class);

    private final Duration giveUpAfter;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public StoreRetry(WorkerConfig.Retry config) {
        this(config.giveUpAfter(), config.initialBackoff(), config.maxBackoff());
    }

    StoreRetry(Duration giveUpAfter, Duration initialBackoff, Duration maxBackoff) {
        this.giveUpAfter = giveUpAfter;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * The call's value; its {@link ObjectStoreException} at once for a permanent fault, or once the next
     * backoff would end past the budget (so a call never waits longer than the budget in all).
     */
    public <T> T call(String what, Supplier<T> call) {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ObjectStoreException e) {
                if (!e.isTransient() || System.nanoTime() + backoff.toNanos() > deadline) {
                    throw e;
                }
                LOG.warnf("%s failed (try %d, giving up after %s), retrying in %d ms: %s", what, attempt, giveUpAfter,
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
