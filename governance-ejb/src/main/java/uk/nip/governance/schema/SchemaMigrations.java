package uk.nip.governance.schema;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the governance schema up to date with Flyway before anything touches it. Migrations common
 * to every database live in db/migration/common; database-specific hardening (such as PostgreSQL
 * refusing UPDATE and DELETE on the audit table) lives in a folder named after the database.
 */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor(dataSource))
                .table("governance_schema_history")
                .load()
                .migrate();
    }

    static String vendor(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase();
            return product.contains("postgres") ? "postgresql" : "h2";
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the governance database: " + e.getMessage(), e);
        }
    }
}
