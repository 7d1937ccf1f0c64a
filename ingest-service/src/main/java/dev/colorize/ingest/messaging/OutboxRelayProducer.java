package dev.colorize.ingest.messaging;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.service.outbox.OutboxRelay;
import dev.colorize.service.persistence.Jdbc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The ingest service's outbox relay: started with the service, configured by colorize.ingest.outbox. */
public class OutboxRelayProducer {

    @Produces
    @Singleton
    @Startup
    OutboxRelay relay(Jdbc jdbc, KafkaClients kafka, IngestConfig config, MeterRegistry metrics) {
        Counter published = metrics.counter("colorize.ingest.outbox.published");
        return OutboxRelay.start(jdbc, kafka, new OutboxRelay.Settings("ingest-outbox-relay",
                config.outbox().batchSize(), config.outbox().pollInterval(), config.outbox().retention()), published::increment);
    }

    void stop(@Observes ShutdownEvent event, OutboxRelay relay) throws InterruptedException {
        relay.stop();
    }
}
