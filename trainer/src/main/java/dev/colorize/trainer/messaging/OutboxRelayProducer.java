package dev.colorize.trainer.messaging;

import dev.colorize.service.messaging.KafkaClients;
import dev.colorize.service.outbox.OutboxRelay;
import dev.colorize.service.persistence.Jdbc;
import dev.colorize.trainer.config.TrainerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The trainer's outbox relay, which sends its model events: started with the service (so events a
 * previous instance left unsent follow), configured by colorize.trainer.relay.
 */
public class OutboxRelayProducer {

    @Produces
    @Singleton
    @Startup
    OutboxRelay relay(Jdbc jdbc, KafkaClients kafka, TrainerConfig config) {
        return OutboxRelay.start(jdbc, kafka, new OutboxRelay.Settings("trainer-outbox-relay",
                config.relay().batchSize(), config.relay().every(), config.relay().retention()), published -> { });
    }

    void stop(@Observes ShutdownEvent event, OutboxRelay relay) throws InterruptedException {
        relay.stop();
    }
}
