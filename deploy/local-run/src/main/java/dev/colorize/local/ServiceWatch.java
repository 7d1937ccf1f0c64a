package dev.colorize.local;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The services a run started. The run's waits call {@link #check()}, so a service that dies (the kernel's OOM killer,
 * a crash) fails the run within a poll, with the reason, instead of leaving it waiting for work nobody does.
 * A service the run stops or kills itself ({@link ServiceProcess#close()}, {@link ServiceProcess#kill()}) is not a death.
 */
final class ServiceWatch {

    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();

    ServiceProcess add(ServiceProcess service) {
        services.add(service);
        return service;
    }

    /** Throws {@link ServiceDiedException} naming the first service that exited unasked. */
    void check() {
        death().ifPresent(report -> {
            throw new ServiceDiedException(report, null);
        });
    }

    /**
     * The failure a run should report: a dead service explains what went wrong after it (a refused connection, a
     * timeout), so it comes first, with the original failure as its cause.
     */
    Exception explain(Exception failure) {
        if (failure instanceof ServiceDiedException) {
            return failure;
        }
        return death().<Exception>map(report -> new ServiceDiedException(report, failure)).orElse(failure);
    }

    void stopAll() {
        services.forEach(ServiceProcess::close);
    }

    private Optional<String> death() {
        return services.stream().map(ServiceProcess::unexpectedExit).flatMap(Optional::stream).findFirst();
    }
}
