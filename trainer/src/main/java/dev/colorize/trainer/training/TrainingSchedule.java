package dev.colorize.trainer.training;

import dev.colorize.platform.model.ModelAliases;
import dev.colorize.trainer.config.TrainerConfig;
import dev.colorize.trainer.registry.RegistryRepository;
import dev.colorize.platform.errors.Refused;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Queues the scheduled run (e.g. nightly): the configured dataset, fine-tuning production when there is
 * one.
 */
@ApplicationScoped
public class TrainingSchedule {

    private static final Logger LOG = Logger.getLogger(TrainingSchedule.class);

    private final TrainerConfig config;
    private final RunService service;
    private final RegistryRepository registry;

    public TrainingSchedule(TrainerConfig config, RunService service, RegistryRepository registry) {
        this.config = config;
        this.service = service;
        this.registry = registry;
    }

    @Scheduled(cron = "${colorize.trainer.schedule.cron}", identity = "scheduled-training-run")
    void fire(ScheduledExecution execution) {
        TrainerConfig.Schedule schedule = config.schedule();
        if (schedule.dataset().isEmpty()) {
            LOG.warn("scheduled training skipped: colorize.trainer.schedule.dataset is not set");
            return;
        }
        boolean fineTune = schedule.fineTune() && registry.aliasVersion(ModelAliases.PRODUCTION).isPresent();
        try {
            // every replica fires; the id named after the fire time makes their requests one run
            UUID id = UUID.nameUUIDFromBytes(("schedule:" + execution.getScheduledFireTime()).getBytes(UTF_8));
            TrainingRun run = service.request(id, RunRequest.paperRun(schedule.dataset().get(), schedule.steps(),
                    schedule.timeBudget().map(d -> d.toSeconds()).orElse(null), fineTune),
                    RunService.SCHEDULE, "schedule");
            LOG.infof("scheduled run %s queued on %s", run.id(), run.dataset());
        } catch (Refused e) {
            LOG.warnf("scheduled training skipped: %s", e.getMessage());
        }
    }
}
