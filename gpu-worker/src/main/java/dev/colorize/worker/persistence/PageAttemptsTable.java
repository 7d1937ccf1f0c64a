package dev.colorize.worker.persistence;

import dev.colorize.platform.messaging.PageJob;
import dev.colorize.worker.service.PageAttempts;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@link PageAttempts} in PostgreSQL (page_attempts, the worker's own table, per page and result revision), one
 * statement per batch; the ingest service shows a queued coloring with a row here as processing. When the database
 * cannot be reached, pages are worked on uncounted: the count guards against poison pages, it must not stop the fleet.
 */
@ApplicationScoped
public class PageAttemptsTable implements PageAttempts {

    private static final Logger LOG = Logger.getLogger(PageAttemptsTable.class);

    private final AgroalDataSource dataSource;

    public PageAttemptsTable(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Integer> begin(List<PageJob> jobs) {
        List<Page> pages = distinct(jobs);
        Map<Page, Integer> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                WITH taken AS (SELECT chapter, page, revision
                               FROM unnest(?::uuid[], ?::int[], ?::int[]) AS t(chapter, page, revision))
                INSERT INTO page_attempts (chapter_id, page_number, revision, attempts)
                SELECT chapter, page, revision, 1 FROM taken
                ON CONFLICT (chapter_id, page_number, revision)
                DO UPDATE SET attempts = page_attempts.attempts + 1, updated_at = now()
                RETURNING chapter_id, page_number, revision, attempts""")) {
            bind(c, s, pages);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(new Page(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3)), rs.getInt(4));
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Cannot count page attempts, working on %d pages uncounted: %s", pages.size(), e.getMessage());
            return Collections.nCopies(jobs.size(), 1);
        }
        return jobs.stream().map(j -> counts.getOrDefault(Page.of(j), 1)).toList();
    }

    @Override
    public void finished(List<PageJob> jobs) {
        update("DELETE FROM page_attempts WHERE (chapter_id, page_number, revision) IN "
                + "(SELECT * FROM unnest(?::uuid[], ?::int[], ?::int[]))", jobs);
    }

    @Override
    public void notCounted(List<PageJob> jobs) {
        update("UPDATE page_attempts SET attempts = attempts - 1, updated_at = now() "
                + "WHERE (chapter_id, page_number, revision) IN (SELECT * FROM unnest(?::uuid[], ?::int[], ?::int[]))", jobs);
    }

    private void update(String sql, List<PageJob> jobs) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, distinct(jobs));
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Cannot settle the attempts of %d pages: %s", jobs.size(), e.getMessage());
        }
    }

    /** A duplicate job in one batch must not touch its row twice in one statement. */
    private static List<Page> distinct(List<PageJob> jobs) {
        return new ArrayList<>(new LinkedHashSet<>(jobs.stream().map(Page::of).toList()));
    }

    private static void bind(Connection c, PreparedStatement s, List<Page> pages) throws SQLException {
        s.setArray(1, c.createArrayOf("uuid", pages.stream().map(Page::chapter).toArray()));
        s.setArray(2, c.createArrayOf("integer", pages.stream().map(Page::number).toArray()));
        s.setArray(3, c.createArrayOf("integer", pages.stream().map(Page::revision).toArray()));
    }

    /** What is counted: one result revision of a page (a recolor is a job of its own, with its own count). */
    private record Page(UUID chapter, int number, int revision) {
        static Page of(PageJob job) {
            return new Page(job.chapterId(), job.pageNumber(), job.page().revision());
        }
    }
}
