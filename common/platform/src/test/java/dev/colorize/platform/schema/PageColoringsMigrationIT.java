package dev.colorize.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.coloring.PageFile;
import dev.colorize.platform.coloring.PageOutputs;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.stack.StackEndpoints;
import dev.colorize.stack.testing.EmbeddedStackExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * V19 moves the pages' coloring columns and page_revisions into page_colorings: every coloring of every page keeps
 * its state, its request (the chapter's options with the page's own) and the keys of what was written.
 */
@ExtendWith(EmbeddedStackExtension.class)
class PageColoringsMigrationIT {

    /** One row of page_colorings, as the services read it. */
    private record Coloring(String state, ColoringRequest request, PageOutputs outputs, Integer modelVersion,
            String error) {
    }

    @Test
    void uploadsAndRecolorsOfBothOldTablesBecomeOneRowPerColoring(StackEndpoints stack) throws Exception {
        String schema = "page_colorings_" + UUID.randomUUID().toString().replace("-", "");
        UUID publisher = UUID.randomUUID();
        UUID chapter = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())) {
            try {
                flyway(stack, schema).target("18").load().migrate();
                execute(c, "SET search_path TO " + schema);
                update(c, "INSERT INTO publishers (id, name) VALUES (?, ?)", publisher, "pub-" + publisher);
                update(c, "INSERT INTO chapters (id, publisher_id, page_count, output_format, outputs, output_quality,"
                        + " model_version_pin) VALUES (?, ?, 3, 'WEBP', 'LAYERS,PSD', 80, 7)", chapter, publisher);
                page(c, chapter, 1, "state = 'done', result_key = 'r/1.webp', flats_key = 'r/1.flats.png', "
                        + "lines_key = 'r/1.lines.png', psd_key = 'r/1.psd', model_version = 7, revision = 2");
                page(c, chapter, 2, "state = 'processing', force_color = true, hints_key = 's/2.hints.json'");
                page(c, chapter, 3, "state = 'failed', error = 'unreadable', model_version = 7");
                update(c, "INSERT INTO page_revisions (chapter_id, page_number, revision, hints_key, state, result_key,"
                        + " model_version) VALUES (?, 1, 1, 's/1-r1.hints.png', 'done', 'r/1-r1.webp', 7)", chapter);
                update(c, "INSERT INTO page_revisions (chapter_id, page_number, revision, hints_key) "
                        + "VALUES (?, 1, 2, 's/1-r2.hints.json')", chapter);

                assertThat(flyway(stack, schema).target("19").load().migrate().migrations)
                        .extracting(m -> m.version).containsExactly("19");

                Map<String, Coloring> rows = colorings(c, chapter);
                assertThat(rows.keySet()).containsExactly("1/0", "1/1", "1/2", "2/0", "3/0");
                ColoringRequest chapterAsked = new ColoringRequest(OutputFormat.WEBP,
                        Set.of(PageOutput.LAYERS, PageOutput.PSD), 80, 7, false, null, null);
                assertThat(rows.get("1/0")).isEqualTo(new Coloring("done", chapterAsked, new PageOutputs(Map.of(
                        PageFile.COLORED, "r/1.webp", PageFile.FLATS, "r/1.flats.png", PageFile.LINES, "r/1.lines.png",
                        PageFile.PSD, "r/1.psd")), 7, null));
                assertThat(rows.get("1/1")).isEqualTo(new Coloring("done", chapterAsked.withHints("s/1-r1.hints.png"),
                        PageOutputs.colored("r/1-r1.webp"), 7, null));
                assertThat(rows.get("1/2")).isEqualTo(new Coloring("queued",
                        chapterAsked.withHints("s/1-r2.hints.json"), PageOutputs.NONE, null, null));
                assertThat(rows.get("2/0")).as("processing is the worker's to say now: queued until a result")
                        .isEqualTo(new Coloring("queued", chapterAsked.withForceColor(true).withHints("s/2.hints.json"),
                                PageOutputs.NONE, null, null));
                assertThat(rows.get("3/0")).isEqualTo(new Coloring("failed", chapterAsked, PageOutputs.NONE, 7,
                        "unreadable"));
                assertThat(count(c, "SELECT count(*) FROM pages WHERE chapter_id = '" + chapter + "'"))
                        .as("the pages themselves stay").isEqualTo(3);
                assertThat(count(c, "SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'pages' AND column_name IN ('state', 'result_key', 'revision')")).isZero();

                flyway(stack, schema).target("22").load().migrate();
                assertThat(MessageCodec.fromJson(text(c, "SELECT options::text FROM chapters WHERE id = '" + chapter + "'"),
                        ColoringRequest.class)).as("V22: the chapter's options, one typed column").isEqualTo(chapterAsked);

                update(c, "DELETE FROM chapters WHERE id = ?", chapter);
                assertThat(count(c, "SELECT count(*) FROM page_colorings")).as("colorings go with their pages").isZero();
            } finally {
                execute(c, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static FluentConfiguration flyway(StackEndpoints stack, String schema) {
        return Flyway.configure().dataSource(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())
                .locations(SchemaMigrations.LOCATION).schemas(schema);
    }

    private static void page(Connection c, UUID chapter, int page, String set) throws SQLException {
        update(c, "INSERT INTO pages (chapter_id, page_number, source_key, source_format, width, height, byte_size)"
                + " VALUES (?, ?, ?, 'PNG', 800, 1200, 1000)", chapter, page, "s/" + page + ".png");
        update(c, "UPDATE pages SET " + set + " WHERE chapter_id = ? AND page_number = ?", chapter, page);
    }

    private static Map<String, Coloring> colorings(Connection c, UUID chapter) throws SQLException {
        Map<String, Coloring> rows = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT page_number, revision, state, request::text, "
                + "outputs::text, model_version, error FROM page_colorings WHERE chapter_id = ? "
                + "ORDER BY page_number, revision")) {
            s.setObject(1, chapter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getInt(1) + "/" + rs.getInt(2), new Coloring(rs.getString(3),
                            MessageCodec.fromJson(rs.getString(4), ColoringRequest.class),
                            MessageCodec.fromJson(rs.getString(5), PageOutputs.class),
                            (Integer) rs.getObject(6), rs.getString(7)));
                }
            }
        }
        return rows;
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
