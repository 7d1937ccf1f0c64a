package dev.colorize.worker.health;

import dev.colorize.worker.WorkerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down when a loop the worker cannot do without has died (the listener restarts itself; the job loop does
 * not, as its offsets and batches in flight would be lost): the orchestrator then restarts the pod rather
 * than keep a worker that takes no jobs.
 */
@Liveness
@ApplicationScoped
public class WorkerLoopsLivenessCheck implements HealthCheck {

    private final Supplier<List<WorkerLoop>> loops;

    @Inject
    public WorkerLoopsLivenessCheck(WorkerLifecycle lifecycle) {
        this(lifecycle::loops);
    }

    public WorkerLoopsLivenessCheck(Supplier<List<WorkerLoop>> loops) {
        this.loops = loops;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("worker-loops").up();
        for (WorkerLoop loop : loops.get()) {
            loop.failure().ifPresentOrElse(reason -> response.down().withData(loop.name(), "stopped: " + reason),
                    () -> response.withData(loop.name(), "running"));
        }
        return response.build();
    }
}
