package io.bourse.connectors.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky's binaries from Maven Central) run as a child process, for the
 * one-command default and for tests on a machine without a database. With a data directory it
 * keeps its data across restarts, like the embedded broker.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser zonky's {@code initdb} creates; it has no password and accepts local connections. */
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(final EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code port} (0 for any free port) keeping its data in {@code dataDir},
     * or in a fresh temporary directory, deleted on close, when {@code dataDir} is {@code null}.
     */
    public static EmbeddedPostgresServer start(final Path dataDir, final int port) {
        try {
            final EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // UTC so that timestamps a human reads in psql match the topics' epoch milliseconds.
                    .setServerConfig("timezone", "UTC");
            if (port != 0) {
                builder.setPort(port);
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The database {@code name}, created if it does not exist yet. */
    public JdbcTarget database(final String name) {
        final JdbcTarget admin = new JdbcTarget(postgres.getJdbcUrl(SUPERUSER, "postgres"), SUPERUSER, null);
        try (Connection connection = admin.connect();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet result = exists.executeQuery()) {
                if (!result.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                    }
                }
            }
        } catch (final SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " in the embedded PostgreSQL server", e);
        }
        return new JdbcTarget(postgres.getJdbcUrl(SUPERUSER, name), SUPERUSER, null);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot stop the embedded PostgreSQL server", e);
        }
    }
}
