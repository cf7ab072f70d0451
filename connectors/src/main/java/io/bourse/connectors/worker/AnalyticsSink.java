package io.bourse.connectors.worker;

import io.bourse.connectors.SinkConnector;
import io.bourse.connectors.SinkConnectors;
import io.bourse.connectors.database.AnalyticsMigrations;
import io.bourse.connectors.database.JdbcTarget;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The analytics database fed from this process: migrates the database, prepares the coming months'
 * partitions, then runs every {@link SinkConnectors} connector on an {@link EmbeddedConnectWorker}.
 */
public final class AnalyticsSink implements AutoCloseable {

    /** Months of partitions prepared ahead at every start. */
    static final int MONTHS_AHEAD = 3;

    private final EmbeddedConnectWorker worker;
    private final JdbcTarget database;

    private AnalyticsSink(final EmbeddedConnectWorker worker, final JdbcTarget database) {
        this.worker = worker;
        this.database = database;
    }

    /**
     * Starts the sink for {@code connectors} (usually {@link SinkConnectors#ALL}).
     *
     * @param replicationFactor the replicas of each connector's dead-letter topic, when Connect creates it
     */
    public static AnalyticsSink start(final KafkaEndpoints cluster, final short replicationFactor, final JdbcTarget database,
            final Path workDir, final Duration offsetCommitInterval, final List<SinkConnector> connectors) {
        AnalyticsMigrations.migrate(database);
        AnalyticsMigrations.ensurePartitions(database, LocalDate.now(ZoneOffset.UTC), MONTHS_AHEAD);
        final EmbeddedConnectWorker worker = EmbeddedConnectWorker.start(cluster, workDir, offsetCommitInterval);
        try {
            for (final SinkConnector connector : connectors) {
                worker.putConnector(SinkConnectors.embeddedConfig(connector, database, cluster, replicationFactor));
            }
        } catch (final RuntimeException e) {
            worker.close();
            throw e;
        }
        return new AnalyticsSink(worker, database);
    }

    public EmbeddedConnectWorker worker() {
        return worker;
    }

    public JdbcTarget database() {
        return database;
    }

    @Override
    public void close() {
        worker.close();
    }
}
