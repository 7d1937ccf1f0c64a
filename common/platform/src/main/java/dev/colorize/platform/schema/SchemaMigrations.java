package dev.colorize.platform.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The one owner of the database schema: Flyway scripts in db/migration of this module. Quarkus services
 * apply them through quarkus-flyway on start; tools and tests call {@link #migrate}.
 */
public final class SchemaMigrations {

    public static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {
    }

    public static MigrateResult migrate(String jdbcUrl, String user, String password) {
        return Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations(LOCATION)
                .load()
                .migrate();
    }
}
