package dev.colorize.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** PostgreSQL from zonky's binaries (unpacked once, run as a child process by zonky). */
final class PostgresServer {

    static final String DATABASE = "colorize";
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private final Path dir;
    private final int port;
    private EmbeddedPostgres postgres;

    PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    void start(Duration timeout) throws IOException, SQLException {
        Files.createDirectories(dir);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(timeout)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off") // local and test data only: speed over crash safety
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
    }

    void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
