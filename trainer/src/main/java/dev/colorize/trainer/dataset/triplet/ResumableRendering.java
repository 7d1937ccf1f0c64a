package dev.colorize.trainer.dataset.triplet;

import dev.colorize.trainer.dataset.Split;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders an importer's drawings on a thread pool, skipping those whose triplet files an earlier run
 * already wrote (so an interrupted import continues where it stopped), and counts what each job kept or
 * dropped.
 */
public final class ResumableRendering {

    private static final int PROGRESS = 200;

    /**
     * One drawing: {@code render} writes its triplet as {@code folder/name.*} and returns nothing, or
     * returns why it was dropped.
     */
    public record Job(String name, Split split, Path folder, Callable<Optional<String>> render) {}

    /** @param kept jobs whose triplet is on disk, in job order, those of an earlier run included */
    public record Outcome(List<Job> kept, int resumed, Map<String, Integer> dropped) {

        public Map<Split, Integer> keptBySplit() {
            Map<Split, Integer> counts = new TreeMap<>(Map.of(Split.TRAIN, 0, Split.VALIDATION, 0));
            kept.forEach(job -> counts.merge(job.split(), 1, Integer::sum));
            return counts;
        }
    }

    private ResumableRendering() {}

    public static Outcome run(List<Job> jobs, int threads, PrintStream log) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<Optional<String>>> outcomes = new ArrayList<>();
            int resumed = 0;
            for (Job job : jobs) {
                if (written(job.folder(), job.name())) {
                    resumed++;
                    outcomes.add(null);
                    continue;
                }
                outcomes.add(pool.submit(() -> {
                    Optional<String> reason = job.render().call();
                    int n = done.incrementAndGet();
                    if (n % PROGRESS == 0) {
                        log.printf("%d rendered%n", n);
                    }
                    return reason;
                }));
            }
            List<Job> kept = new ArrayList<>();
            Map<String, Integer> dropped = new TreeMap<>();
            for (int i = 0; i < jobs.size(); i++) {
                Optional<String> reason = outcomes.get(i) == null ? Optional.empty() : RenderTasks.await(outcomes.get(i));
                if (reason.isPresent()) {
                    dropped.merge(reason.get(), 1, Integer::sum);
                } else {
                    kept.add(jobs.get(i));
                }
            }
            return new Outcome(List.copyOf(kept), resumed, dropped);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean written(Path folder, String name) {
        return Files.isRegularFile(folder.resolve(name + TripletFiles.LINES))
                && Files.isRegularFile(folder.resolve(name + TripletFiles.FLATS))
                && Files.isRegularFile(folder.resolve(name + TripletFiles.COLOR));
    }
}
