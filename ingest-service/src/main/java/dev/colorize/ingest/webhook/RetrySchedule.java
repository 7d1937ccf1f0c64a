package dev.colorize.ingest.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a delivery's attempts are due (colorize.ingest.webhook.retry-schedule): the first delay counts from
 * the chapter's final state, each next one from the failed attempt before it; after the last slot the
 * delivery has failed for good.
 */
final class RetrySchedule {

    private final List<Duration> delays;

    RetrySchedule(List<Duration> delays) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("colorize.ingest.webhook.retry-schedule needs at least one delay");
        }
        this.delays = List.copyOf(delays);
    }

    Instant firstAttemptAt(Instant finished) {
        return finished.plus(delays.get(0));
    }

    /** When the next attempt is due after attempt number {@code failedAttempt} (from 1) failed; empty when none is left. */
    Optional<Instant> retryAt(int failedAttempt, Instant failedAt) {
        return failedAttempt < delays.size() ? Optional.of(failedAt.plus(delays.get(failedAttempt))) : Optional.empty();
    }
}
