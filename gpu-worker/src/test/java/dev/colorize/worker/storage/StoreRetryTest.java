package dev.colorize.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.platform.storage.ObjectStoreException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreRetryTest {

    private final StoreRetry retry = new StoreRetry(Duration.ofMillis(600), Duration.ofMillis(20), Duration.ofMillis(80));

    @Test
    void transientFaultsAreRetriedForTheWholeBudgetNotAFewTries() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> retry.call("read", () -> {
            calls.incrementAndGet();
            throw new ObjectStoreException("store unreachable", true, null);
        })).hasMessage("store unreachable");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // 20 + 40 + 80 + 80 ... ms: far more than four tries fit into 600 ms, and never past the budget
        assertThat(calls.get()).isGreaterThan(6);
        assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofMillis(900));
    }

    @Test
    void aStoreThatComesBackWithinTheBudgetCostsTimeNotThePage() {
        AtomicInteger calls = new AtomicInteger();
        String value = retry.call("read", () -> {
            if (calls.incrementAndGet() < 6) {
                throw new ObjectStoreException("store unreachable", true, null);
            }
            return "sketch";
        });
        assertThat(value).isEqualTo("sketch");
        assertThat(calls.get()).isEqualTo(6);
    }

    @Test
    void aPermanentFaultIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call("read", () -> {
            calls.incrementAndGet();
            throw new ObjectStoreException("no such key", false, null);
        })).hasMessage("no such key");
        assertThat(calls.get()).isEqualTo(1);
    }
}
