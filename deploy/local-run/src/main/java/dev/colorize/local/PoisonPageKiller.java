package dev.colorize.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Makes one page a poison page: every worker that works on it dies. No page does that by itself any more at the
 * worker's limits (issue 26 items 2 and 3 refuse the hints and strips that did), so the run does it from outside, as
 * the kernel's OOM killer would: it watches the page's row in page_attempts, which the worker raises before it reads
 * the page, and SIGKILLs the worker whose consumer owns the page's partition ({@link WorkerPartitions}), then has a
 * fresh worker started in its place.
 *
 * <p>Counted is not yet worked: a batch taken again after a crash is counted whole and then gives back, within
 * milliseconds, the count of every page but its first, to count them again one at a time. So the kill comes only once
 * the raised count has held for {@link #WORKED_AFTER_MS}; and never past the worker's attempt limit, where the page is
 * given up without being worked.
 */
final class PoisonPageKiller implements AutoCloseable {

    static final long WORKED_AFTER_MS = 250;

    /** One kill: the page's attempt count then, the worker and its pid, and the other pages it held in work. */
    record Kill(int attempt, String worker, long pid, Set<PageAttemptsWatch.Page> heldWithIt) {
    }

    /** Finds a worker by name, kills it and starts its successor. */
    interface Workers {
        Optional<ServiceProcess> named(String worker);

        void replaceKilled(String worker) throws Exception;
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final PageAttemptsWatch.Page poison;
    private final int maxAttempts;
    private final WorkerPartitions partitions;
    private final PageAttemptsWatch attempts;
    private final Workers workers;
    private final Consumer<String> say;
    private final List<Kill> kills = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    PoisonPageKiller(String jdbcUrl, String user, String password, PageAttemptsWatch.Page poison, int maxAttempts,
            WorkerPartitions partitions, PageAttemptsWatch attempts, Workers workers, Consumer<String> say) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.poison = poison;
        this.maxAttempts = maxAttempts;
        this.partitions = partitions;
        this.attempts = attempts;
        this.workers = workers;
        this.say = say;
        this.thread = new Thread(this::watch, "poison-page-killer");
        thread.setDaemon(true);
        thread.start();
    }

    PageAttemptsWatch.Page page() {
        return poison;
    }

    List<Kill> kills() {
        return List.copyOf(kills);
    }

    /** What went wrong in the watch itself (a worker not found), for the report. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private void watch() {
        int killedAt = 0;
        int seen = 0;
        long seenSince = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); PreparedStatement s = c.prepareStatement("""
                SELECT a.attempts FROM page_attempts a JOIN page_colorings pc USING (chapter_id, page_number, revision)
                WHERE chapter_id = ? AND page_number = ? AND revision = 0 AND pc.state = 'queued'""")) {
            s.setObject(1, poison.chapterId());
            s.setInt(2, poison.pageNumber());
            while (running) {
                int count = 0;
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        count = rs.getInt(1);
                    }
                }
                if (count != seen) {
                    seen = count;
                    seenSince = System.nanoTime();
                } else if (count > killedAt && count <= maxAttempts
                        && System.nanoTime() - seenSince >= WORKED_AFTER_MS * 1_000_000) {
                    kill(count);
                    killedAt = count;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            problems.add("the poison page's watch stopped: " + FailureReason.of(e));
        }
    }

    private void kill(int attempt) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Optional<String> owner = partitions.ownerOf(poison.chapterId());
        while (owner.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            owner = partitions.ownerOf(poison.chapterId());
        }
        Optional<ServiceProcess> worker = owner.flatMap(workers::named);
        if (worker.isEmpty()) {
            problems.add("attempt " + attempt + " of the poison page: no live worker owns its partition (" + owner + ")");
            return;
        }
        Set<PageAttemptsWatch.Page> held = new HashSet<>(partitions.heldBy(owner.get(), attempts.inWork()));
        held.remove(poison);
        worker.get().kill();
        kills.add(new Kill(attempt, owner.get(), worker.get().pid(), held));
        say.accept("Poison page (chapter " + poison.chapterId() + " page " + poison.pageNumber() + ") in work, attempt "
                + attempt + ": " + owner.get() + " (pid " + worker.get().pid() + ") killed with SIGKILL, holding "
                + held.size() + " other pages");
        workers.replaceKilled(owner.get());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
