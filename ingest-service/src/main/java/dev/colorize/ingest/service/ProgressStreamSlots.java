package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.platform.errors.Refused;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Places for open progress streams, per publisher and in all: each stream holds a connection and a share of a poll
 * while open, so one publisher (or a crowd) cannot open them without end. A place is given back when its stream ends,
 * however it ends (completed, failed, the client gone).
 */
@ApplicationScoped
public class ProgressStreamSlots {

    /** One stream's place; closing it twice gives it back once. */
    public final class Slot implements AutoCloseable {
        private final UUID publisherId;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(UUID publisherId) {
            this.publisherId = publisherId;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                release(publisherId);
            }
        }
    }

    private final int perPublisher;
    private final int inAll;
    private final Map<UUID, Integer> openByPublisher = new HashMap<>();
    private int open;

    public ProgressStreamSlots(IngestConfig config, MeterRegistry metrics) {
        this.perPublisher = config.events().maxStreamsPerPublisher();
        this.inAll = config.events().maxStreams();
        Gauge.builder("colorize.ingest.events.streams", this, ProgressStreamSlots::open)
                .description("progress streams open").register(metrics);
    }

    /** A place for one more stream of the publisher, or a 429 (its own cap) or 503 (the service's) problem. */
    public synchronized Slot take(UUID publisherId) {
        int own = openByPublisher.getOrDefault(publisherId, 0);
        if (own >= perPublisher) {
            throw Refused.tooMany("too-many-streams", "This publisher already has " + perPublisher
                    + " progress streams open, the most it may; close one (or poll GET /v1/chapters/{id}) and try again");
        }
        if (open >= inAll) {
            throw Refused.unavailable("streams-exhausted", "The service has " + inAll + " progress streams open, the "
                    + "most it serves; try again later or poll GET /v1/chapters/{id}", null, null);
        }
        openByPublisher.put(publisherId, own + 1);
        open++;
        return new Slot(publisherId);
    }

    private synchronized void release(UUID publisherId) {
        openByPublisher.computeIfPresent(publisherId, (id, n) -> n == 1 ? null : n - 1);
        open--;
    }

    private synchronized int open() {
        return open;
    }
}
