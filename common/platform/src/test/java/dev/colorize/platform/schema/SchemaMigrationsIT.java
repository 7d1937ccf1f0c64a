package dev.colorize.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.stack.StackEndpoints;
import dev.colorize.stack.testing.EmbeddedStackExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class SchemaMigrationsIT {

    @Test
    void migrationsApplyOnceAndAChapterWithItsPagesRoundTrips(StackEndpoints stack) throws Exception {
        SchemaMigrations.migrate(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        assertThat(SchemaMigrations.migrate(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword()).migrationsExecuted)
                .as("a second start finds nothing to do").isZero();

        UUID publisher = UUID.randomUUID();
        UUID chapter = UUID.randomUUID();
        try (Connection c = connect(stack)) {
            update(c, "INSERT INTO publishers (id, name) VALUES (?, ?)", publisher, "pub-" + publisher);
            update(c, "INSERT INTO chapters (id, publisher_id, title, page_count) VALUES (?, ?, ?, 2)",
                    chapter, publisher, "Chapter 1");
            for (int page = 1; page <= 2; page++) {
                update(c, "INSERT INTO pages (chapter_id, page_number, source_key, source_format, width, height, byte_size)"
                        + " VALUES (?, ?, ?, 'PNG', 800, 1200, 1000)", chapter, page, "sketches/" + page);
            }
            try (PreparedStatement q = c.prepareStatement("SELECT c.title, c.state, count(p.*) FROM chapters c "
                    + "JOIN pages p ON p.chapter_id = c.id WHERE c.id = ? GROUP BY c.title, c.state")) {
                q.setObject(1, chapter);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("Chapter 1");
                    assertThat(rs.getString(2)).isEqualTo("queued");
                    assertThat(rs.getInt(3)).isEqualTo(2);
                }
            }
            update(c, "DELETE FROM chapters WHERE id = ?", chapter);
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM pages WHERE chapter_id = '" + chapter + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("pages go with their chapter").isZero();
            }
        }
    }

    @Test
    void theSchemaRefusesAnEmptyChapterAndAnUnknownState(StackEndpoints stack) throws Exception {
        SchemaMigrations.migrate(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        UUID publisher = UUID.randomUUID();
        try (Connection c = connect(stack)) {
            update(c, "INSERT INTO publishers (id, name) VALUES (?, ?)", publisher, "pub-" + publisher);
            assertThatThrownBy(() -> update(c, "INSERT INTO chapters (id, publisher_id, page_count) VALUES (?, ?, 0)",
                    UUID.randomUUID(), publisher)).isInstanceOf(SQLException.class).hasMessageContaining("page_count");
            assertThatThrownBy(() -> update(c, "INSERT INTO chapters (id, publisher_id, page_count, state) VALUES (?, ?, 1, 'lost')",
                    UUID.randomUUID(), publisher)).isInstanceOf(SQLException.class).hasMessageContaining("state");
        }
    }

    private static Connection connect(StackEndpoints stack) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
