package dev.colorize.trainer.training;

import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The one-run-at-a-time guarantee across all trainer replicas: a PostgreSQL session advisory lock held
 * on a dedicated connection for the whole run. A trainer that dies loses its connection and with it the
 * lock, so another replica (or the restarted one) can take over and resume the run.
 */
@ApplicationScoped
public class RunLock {

    /** "colorize trainer" as a number; any constant shared by all replicas works. */
    static final long KEY = 0x636f6c7472616eL;

    /** A held lock; closing it unlocks and returns the connection. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final Jdbc jdbc;

    public RunLock(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when another session holds the lock. */
    public Optional<Held> tryAcquire() {
        Connection connection = jdbc.connection();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                connection.close();
                return Optional.empty();
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new Jdbc.DataAccessException(e);
        }
        return Optional.of(() -> {
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(" + KEY + ")");
            } catch (SQLException e) {
                // a connection that fails here is broken; the pool discards it and the server ends its session
            } finally {
                closeQuietly(connection);
            }
        });
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to do with a broken connection
        }
    }
}
