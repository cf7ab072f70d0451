package io.bourse.connectors;

import io.bourse.connectors.database.EmbeddedPostgresServer;
import io.bourse.connectors.database.JdbcTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh, empty PostgreSQL databases for tests: on the server named by {@code BOURSE_TEST_PG_URL}
 * (with {@code BOURSE_TEST_PG_USER} and {@code BOURSE_TEST_PG_PASSWORD}; the user must be allowed to
 * create databases) when it is set, otherwise on an embedded PostgreSQL started once per test JVM.
 */
public final class TestDatabases {

    private static EmbeddedPostgresServer embedded;

    private TestDatabases() {
    }

    /** A new database with a unique name. */
    public static synchronized JdbcTarget fresh() {
        final String name = "bourse_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        final String externalUrl = System.getenv("BOURSE_TEST_PG_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            final JdbcTarget admin = new JdbcTarget(externalUrl, System.getenv("BOURSE_TEST_PG_USER"),
                    System.getenv("BOURSE_TEST_PG_PASSWORD"));
            try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (final SQLException e) {
                throw new IllegalStateException("Cannot create test database on " + externalUrl, e);
            }
            return new JdbcTarget(withDatabase(externalUrl, name), admin.user(), admin.password());
        }
        if (embedded == null) {
            embedded = EmbeddedPostgresServer.start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-postgres-stop"));
        }
        return embedded.database(name);
    }

    /** {@code url} with its database replaced by {@code database}: jdbc:postgresql://host:port/db?params. */
    static String withDatabase(final String url, final String database) {
        final int hostStart = url.indexOf("//") + 2;
        final int pathStart = url.indexOf('/', hostStart);
        final int query = url.indexOf('?');
        final String base = pathStart < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, pathStart);
        return base + "/" + database + (query < 0 ? "" : url.substring(query));
    }
}
