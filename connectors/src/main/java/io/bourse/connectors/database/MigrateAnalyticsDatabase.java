package io.bourse.connectors.database;

import io.bourse.connectors.SinkConnectors;
import io.bourse.schemas.cluster.BourseEnvironment;
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
        final BourseEnvironment env = BourseEnvironment.system();
        final String url = env.required(SinkConnectors.ENV_JDBC_URL, "to the analytics database's JDBC URL");
        final JdbcTarget target = new JdbcTarget(url, env.get(SinkConnectors.ENV_JDBC_USER), env.get(SinkConnectors.ENV_JDBC_PASSWORD));
        AnalyticsMigrations.migrate(target);
        final int created = AnalyticsMigrations.ensurePartitions(target, LocalDate.now(ZoneOffset.UTC), MONTHS_AHEAD);
        System.out.printf("Analytics database %s migrated; %d new partitions%n", url, created);
    }
}
