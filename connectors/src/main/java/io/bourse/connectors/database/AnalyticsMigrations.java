package io.bourse.connectors.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the analytics tables with Flyway, from the versioned SQL scripts in
 * {@value #LOCATION}: the connectors never create or alter a table. The same scripts run in the
 * cluster deployment, where the database is TimescaleDB and the time-series tables become
 * hypertables.
 */
public final class AnalyticsMigrations {

    /** Where the SQL migrations live on the classpath (and under src/main/resources). */
    public static final String LOCATION = "db/analytics";

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsMigrations.class);

    private AnalyticsMigrations() {
    }

    /** Applies every pending migration; returns how many it applied. */
    public static int migrate(final JdbcTarget target) {
        final MigrateResult result = Flyway.configure()
                .dataSource(target.url(), target.user(), target.password())
                .locations("classpath:" + LOCATION)
                .load()
                .migrate();
        LOG.info("Analytics database {} at schema version {} ({} migrations applied)", target.url(),
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
        return result.migrationsExecuted;
    }

    /**
     * Creates the monthly partitions of the natively partitioned time-series tables from the month
     * before {@code today} through {@code monthsAhead} months after it (see V1__time_series_support.sql);
     * returns how many it created. Nothing to do on TimescaleDB.
     */
    public static int ensurePartitions(final JdbcTarget target, final LocalDate today, final int monthsAhead) {
        try (Connection connection = target.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT bourse_ensure_monthly_partitions(?, ?)")) {
            statement.setObject(1, today.minusMonths(1));
            statement.setObject(2, today.plusMonths(monthsAhead));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("Cannot create the partitions of the analytics tables in " + target.url(), e);
        }
    }
}
