package io.bourse.connectors.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where the analytics tables live: a PostgreSQL JDBC URL with its credentials.
 *
 * @param url e.g. {@code jdbc:postgresql://localhost:5432/bourse}
 * @param user the login, or {@code null} when the URL carries it
 * @param password the password, or {@code null}
 */
public record JdbcTarget(String url, String user, String password) {

    public JdbcTarget {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Only PostgreSQL is supported (jdbc:postgresql:...), got " + url);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + url + ", user=" + user + "]";
    }
}
