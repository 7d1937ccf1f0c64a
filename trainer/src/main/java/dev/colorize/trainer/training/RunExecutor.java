package dev.colorize.trainer.training;

import dev.colorize.trainer.config.TrainerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Works off pending runs, one at a time across all replicas: whoever holds the {@link RunLock} takes
 * the oldest queued run, or a "running" one whose trainer died (it resumes from its checkpoint, unless
 * it was started {@code max-attempts} times already: then it is failed, so it cannot kill trainers forever; a
 * graceful stop gives its attempt back, so rolling restarts never fail a run).
 * Triggered on start, when a run is requested, and on a poll timer.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    private final RunRepository runs;
    private final RunLock lock;
    private final RunTrainer trainer;
    private final int maxAttempts;
    private final String runnerId = ManagementFactory.getRuntimeMXBean().getName();
    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "training-run");
        t.setDaemon(true);
        return t;
    });

    public RunExecutor(RunRepository runs, RunLock lock, RunTrainer trainer, TrainerConfig config) {
        this.runs = runs;
        this.lock = lock;
        this.trainer = trainer;
        this.maxAttempts = config.runs().maxAttempts();
    }

    void onStart(@Observes StartupEvent start) {
        trigger();
    }

    /** Asks the training thread to drain pending runs (no-op while it is at it already). */
    @Scheduled(every = "${colorize.trainer.runs.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void trigger() {
        if (!stopping.get() && !draining.isLocked()) {
            thread.execute(this::drainPending);
        }
    }

    /**
     * Runs pending runs until none is left. Returns false without doing anything when this JVM is
     * draining already or another trainer holds the run lock.
     */
    public boolean drainPending() {
        if (!draining.tryLock()) {
            return false;
        }
        try {
            Optional<RunLock.Held> held = lock.tryAcquire();
            if (held.isEmpty()) {
                LOG.debug("another trainer holds the run lock");
                return false;
            }
            try (RunLock.Held ignored = held.get()) {
                for (Optional<TrainingRun> next = runs.nextPending(); next.isPresent() && !stopping.get();
                        next = runs.nextPending()) {
                    execute(next.get());
                }
            }
            return true;
        } finally {
            draining.unlock();
        }
    }

    private void execute(TrainingRun run) {
        if (run.attempts() >= maxAttempts) {
            String reason = "gave up after " + run.attempts() + " attempts: the trainer stopped without finishing "
                    + "(last runner " + run.runner() + ", at step " + run.step() + ")";
            LOG.errorf("run %s %s", run.id(), reason);
            runs.fail(run.id(), reason);
            return;
        }
        try {
            trainer.execute(run, runnerId, stopping::get);
        } catch (RunInterruptedException e) {
            LOG.infof("run %s left to resume: %s", run.id(), e.getMessage());
            runs.releaseAttempt(run.id(), runnerId);
        } catch (Exception | OutOfMemoryError e) {
            LOG.errorf(e, "run %s failed", run.id());
            runs.fail(run.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent stop) throws InterruptedException {
        stopping.set(true);
        thread.shutdown();
        // a step takes seconds at most; the run stays "running" and resumes from its checkpoint later
        thread.awaitTermination(60, TimeUnit.SECONDS);
    }
}
