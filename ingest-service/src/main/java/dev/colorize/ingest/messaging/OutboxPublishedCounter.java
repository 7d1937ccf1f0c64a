package dev.colorize.ingest.messaging;

import dev.colorize.service.outbox.OutboxPublished;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Counts the outbox rows the relay published (colorize.ingest.outbox.published), from zero at start. */
@Singleton
@Startup
public class OutboxPublishedCounter {

    private final Counter published;

    public OutboxPublishedCounter(MeterRegistry metrics) {
        this.published = metrics.counter("colorize.ingest.outbox.published");
    }

    void count(@Observes OutboxPublished batch) {
        published.increment(batch.rows());
    }
}
