package io.bourse.connectors.database;

import io.bourse.connectors.SinkConnectors;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Migrates the analytics database named by {@code BOURSE_JDBC_URL} ({@code BOURSE_JDBC_USER},
 * {@code BOURSE_JDBC_PASSWORD}) and prepares the coming months' partitions, then exits: the
 * cluster deployment runs it once before the connectors are applied, and operators run it again
 * after an upgrade.
 */
public final class MigrateAnalyticsDatabase {

    private static final int MONTHS_AHEAD = 3;

    private MigrateAnalyticsDatabase() {
    }

    public static void main(final String[] args) {
        final String url = System.getenv(SinkConnectors.ENV_JDBC_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(SinkConnectors.ENV_JDBC_URL + " must name the analytics database");
        }
        final JdbcTarget target = new JdbcTarget(url, System.getenv(SinkConnectors.ENV_JDBC_USER),
                System.getenv(SinkConnectors.ENV_JDBC_PASSWORD));
        AnalyticsMigrations.migrate(target);
        final int created = AnalyticsMigrations.ensurePartitions(target, LocalDate.now(ZoneOffset.UTC), MONTHS_AHEAD);
        System.out.printf("Analytics database %s migrated; %d new partitions%n", url, created);
    }
}
