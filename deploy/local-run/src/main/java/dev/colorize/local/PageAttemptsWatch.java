package dev.colorize.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads the workers' page_attempts table every 100 ms for the whole run. A row lives only while a page
 * is taken without an outcome (raised before work, deleted once the result is durable), so the end state
 * says nothing: the watch keeps, per page, the highest count it saw. 2 or more means the page was taken
 * again after an attempt that produced no result (its worker was killed, or its batch was rewound). It is
 * a sample: a second attempt shorter than the interval can be missed, so the figure is a lower bound.
 */
final class PageAttemptsWatch implements AutoCloseable {

    /** A page of a chapter. */
    record Page(UUID chapterId, int pageNumber) {
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Map<Page, Integer> highest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    PageAttemptsWatch(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.thread = new Thread(this::watch, "page-attempts-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The pages in work now: taken by some worker (a row) and without a recorded result. A row alone is
     * not enough: the worker deletes it only after its result is acknowledged, which can be after the
     * ingest has already recorded that result.
     */
    Set<Page> inWork() throws SQLException {
        return read().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /**
     * Every row of an upload's coloring now (a recolor's revision has a count of its own), with whether its page is still
     * unfinished; the counts go into {@link #highest()}.
     */
    private Map<Page, Boolean> read() throws SQLException {
        Map<Page, Boolean> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT a.chapter_id, a.page_number, a.attempts, pc.state = 'queued'
                        FROM page_attempts a JOIN page_colorings pc USING (chapter_id, page_number, revision)
                        WHERE revision = 0""")) {
            while (rs.next()) {
                Page page = new Page(rs.getObject(1, UUID.class), rs.getInt(2));
                highest.merge(page, rs.getInt(3), Math::max);
                rows.put(page, rs.getBoolean(4));
            }
        }
        return rows;
    }

    /** The highest count seen per page. */
    Map<Page, Integer> highest() {
        return Map.copyOf(highest);
    }

    private void watch() {
        while (running) {
            try {
                read();
            } catch (SQLException missed) {
                // one sample fewer; the database is not among the faults, so this is rare
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
