package uk.nip.governance.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the governance schema up to date with Flyway before anything touches it. Migrations common
 * to every database live in db/migration/common; PostgreSQL-only hardening (such as refusing UPDATE
 * and DELETE on the audit table) lives in db/migration/postgresql, numbered V&lt;n&gt;_1 after the
 * common migration it hardens so the two folders interleave in one order.
 */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations(dataSource))
                .table("governance_schema_history")
                .load()
                .migrate();
    }

    static String[] locations(DataSource dataSource) {
        return vendor(dataSource).equals("postgresql")
                ? new String[] {"classpath:db/migration/common", "classpath:db/migration/postgresql"}
                : new String[] {"classpath:db/migration/common"};
    }

    static String vendor(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? "postgresql" : "h2";
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the governance database: " + e.getMessage(), e);
        }
    }
}
