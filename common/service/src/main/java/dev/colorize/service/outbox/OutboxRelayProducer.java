package dev.colorize.service.outbox;

import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.service.persistence.Jdbc;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox relay of a service that writes the outbox: started with the service, so rows a previous
 * instance left unsent follow at once, and stopped with it. Each service fills colorize.outbox.relay.*
 * from its own settings in its application.properties. A build-time switch, because the GPU worker shares
 * this module but writes no outbox and must not run a relay. Each batch is announced as an
 * {@link OutboxPublished} event, for the services that count them.
 */
@IfBuildProperty(name = "colorize.outbox.relay.enabled", stringValue = "true")
public class OutboxRelayProducer {

    @Produces
    @Singleton
    @Startup
    OutboxRelay relay(Jdbc jdbc, KafkaClients kafka,
            @ConfigProperty(name = "colorize.outbox.relay.client-id") String clientId,
            @ConfigProperty(name = "colorize.outbox.relay.batch-size") int batchSize,
            @ConfigProperty(name = "colorize.outbox.relay.poll-interval") Duration pollInterval,
            @ConfigProperty(name = "colorize.outbox.relay.retention") Duration retention,
            Event<OutboxPublished> published) {
        return OutboxRelay.start(jdbc, kafka, new OutboxRelay.Settings(clientId, batchSize, pollInterval, retention),
                rows -> published.fire(new OutboxPublished(rows)));
    }

    void stop(@Observes ShutdownEvent event, OutboxRelay relay) throws InterruptedException {
        relay.stop();
    }
}
