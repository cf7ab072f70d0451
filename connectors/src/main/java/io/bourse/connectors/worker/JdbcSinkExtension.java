package io.bourse.connectors.worker;

import io.bourse.connectors.SinkConnectors;
import io.bourse.connectors.database.EmbeddedPostgresServer;
import io.bourse.connectors.database.JdbcTarget;
import io.bourse.embedded.EmbeddedExtension;
import io.bourse.schemas.cluster.BourseEnvironment;
import java.time.Duration;
import java.util.Optional;

/**
 * The launcher's opt-in analytics database: when the environment names a PostgreSQL database
 * ({@code BOURSE_JDBC_URL}, with {@code BOURSE_JDBC_USER} and {@code BOURSE_JDBC_PASSWORD}) or asks
 * for an embedded one ({@code BOURSE_EMBEDDED_POSTGRES=true}, on {@code BOURSE_POSTGRES_PORT},
 * default 5432, data under {@code <data dir>/postgres}, database {@value #EMBEDDED_DATABASE}), it
 * migrates that database and fills it from the topics with the {@link SinkConnectors} run by an
 * in-process Connect worker. Otherwise it does nothing.
 */
public final class JdbcSinkExtension implements EmbeddedExtension {

    public static final String ENV_EMBEDDED_POSTGRES = "BOURSE_EMBEDDED_POSTGRES";
    public static final String ENV_POSTGRES_PORT = "BOURSE_POSTGRES_PORT";
    /** PostgreSQL's own port. */
    public static final int DEFAULT_POSTGRES_PORT = 5432;
    public static final String EMBEDDED_DATABASE = "bourse";
    /** How often the sink tasks commit: at most this much is written twice (idempotently) after a crash. */
    static final Duration OFFSET_COMMIT_INTERVAL = Duration.ofSeconds(5);

    @Override
    public Optional<Running> start(final Context context) {
        final BourseEnvironment env = context.env();
        final String url = env.get(SinkConnectors.ENV_JDBC_URL);
        final boolean embedded = env.flag(ENV_EMBEDDED_POSTGRES, false);
        if (url == null && !embedded) {
            return Optional.empty();
        }
        if (url != null && embedded) {
            throw new IllegalArgumentException("Set either " + SinkConnectors.ENV_JDBC_URL + " (an existing database) or "
                    + ENV_EMBEDDED_POSTGRES + "=true (an embedded one), not both");
        }
        final EmbeddedPostgresServer server = embedded
                ? EmbeddedPostgresServer.start(context.dataDir().resolve("postgres"),
                        env.integer(ENV_POSTGRES_PORT, DEFAULT_POSTGRES_PORT))
                : null;
        try {
            final JdbcTarget database = server != null ? server.database(EMBEDDED_DATABASE)
                    : new JdbcTarget(url, env.get(SinkConnectors.ENV_JDBC_USER), env.get(SinkConnectors.ENV_JDBC_PASSWORD));
            final AnalyticsSink sink = AnalyticsSink.start(context.cluster(), context.replicationFactor(), database,
                    context.dataDir().resolve("connect"), OFFSET_COMMIT_INTERVAL, SinkConnectors.ALL);
            return Optional.of(new Running() {
                @Override
                public String summary() {
                    return "Analytics database      : " + database.url() + " (" + SinkConnectors.ALL.size()
                            + " JDBC sink connectors)";
                }

                @Override
                public void close() {
                    sink.close();
                    if (server != null) {
                        server.close();
                    }
                }
            });
        } catch (final RuntimeException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }
}
