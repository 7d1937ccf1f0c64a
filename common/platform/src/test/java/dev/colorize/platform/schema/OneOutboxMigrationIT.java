package dev.colorize.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.Topics;
import dev.colorize.stack.StackEndpoints;
import dev.colorize.stack.testing.EmbeddedStackExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** V5 merges trainer_outbox into outbox: nothing waiting for Kafka is lost, nothing already sent is resent. */
@ExtendWith(EmbeddedStackExtension.class)
class OneOutboxMigrationIT {

    private static final OffsetDateTime WRITTEN = OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void unpublishedRowsOfBothOutboxesEndUpInTheOneOutboxOnceInTheirOrder(StackEndpoints stack) throws Exception {
        // a schema of its own, so the migration runs from V4 whatever other tests did to the default one
        String schema = "outbox_merge_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())) {
            try {
                assertThat(flyway(stack, schema).target("4").load().migrate().targetSchemaVersion).isEqualTo("4");
                execute(c, "SET search_path TO " + schema);
                insert(c, "outbox", Topics.JOBS, "chapter-a", "job 1", false);
                insert(c, "outbox", Topics.JOBS, "chapter-a", "job 2 (sent)", true);
                insert(c, "trainer_outbox", Topics.MODEL_EVENTS, "production", "promoted 3 (sent)", true);
                insert(c, "trainer_outbox", Topics.MODEL_EVENTS, "production", "promoted 4", false);
                insert(c, "trainer_outbox", Topics.MODEL_EVENTS, "5", "registered 5", false);
                insert(c, "outbox", Topics.JOBS, "chapter-b", "job 3", false);

                MigrateResult merge = flyway(stack, schema).target("5").load().migrate();

                assertThat(merge.migrations).extracting(m -> m.version).containsExactly("5");
                assertThat(unpublished(c)).as("every waiting row once; the trainer's keep their order").containsExactly(
                        Topics.JOBS + "|chapter-a|job 1",
                        Topics.JOBS + "|chapter-b|job 3",
                        Topics.MODEL_EVENTS + "|production|promoted 4|" + WRITTEN.toInstant(),
                        Topics.MODEL_EVENTS + "|5|registered 5|" + WRITTEN.toInstant());
                assertThat(count(c, "SELECT count(*) FROM outbox WHERE payload LIKE '%(sent)'"))
                        .as("a sent event is not queued again").isEqualTo(1);
                assertThat(count(c, "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                        + "' AND tablename = 'trainer_outbox'")).isZero();
            } finally {
                execute(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static FluentConfiguration flyway(StackEndpoints stack, String schema) {
        return Flyway.configure().dataSource(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())
                .locations(SchemaMigrations.LOCATION).schemas(schema);
    }

    /** The trainer's rows carry their creation time so the test sees it survive the move. */
    private static void insert(Connection c, String table, String topic, String key, String payload,
            boolean published) throws SQLException {
        boolean trainers = table.equals("trainer_outbox");
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                + " (topic, message_key, payload, created_at, published_at) VALUES (?, ?, ?, "
                + (trainers ? "?" : "now()") + ", " + (published ? "now()" : "NULL") + ")")) {
            s.setString(1, topic);
            s.setString(2, key);
            s.setString(3, payload);
            if (trainers) {
                s.setObject(4, WRITTEN);
            }
            s.executeUpdate();
        }
    }

    private static List<String> unpublished(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT topic, message_key, payload, created_at FROM outbox WHERE published_at IS NULL ORDER BY id")) {
            while (rs.next()) {
                String row = rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3);
                boolean fromTrainer = rs.getString(1).equals(Topics.MODEL_EVENTS);
                rows.add(fromTrainer ? row + "|" + rs.getObject(4, OffsetDateTime.class).toInstant() : row);
            }
        }
        return rows;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
