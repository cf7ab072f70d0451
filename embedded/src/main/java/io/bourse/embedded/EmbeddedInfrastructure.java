package io.bourse.embedded;

import io.bourse.schemas.catalogue.PartitionCounts;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.TopicProvisioner;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Everything the exchange needs from outside, in this JVM: the broker, the schema registry and
 * the catalogue's topics. Starting it twice on the same data directory resumes the same exchange.
 *
 * <p>The default is one broker holding one copy of everything. {@link #cluster} runs an
 * {@link EmbeddedKafkaCluster} instead, with three replicas of every topic, for tests of failover.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    /** A single broker holds one copy of everything. */
    static final short REPLICATION_FACTOR = 1;

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedKafkaCluster cluster;
    private final short replicationFactor;
    private final PartitionCounts partitions;
    private int registryPort;
    private EmbeddedSchemaRegistry registry;

    /**
     * @param dataDir where the broker keeps its data (Streams state belongs next to it, see
     *     ARCHITECTURE.md: wipe both together or neither)
     * @param kafkaPort client port, 0 for any free port
     * @param registryPort registry HTTP port, 0 for any free port
     */
    public EmbeddedInfrastructure(final Path dataDir, final int kafkaPort, final int registryPort) {
        this(dataDir, kafkaPort, registryPort, PartitionCounts.DEFAULT);
    }

    /** @param partitions the partition counts to create the topics with, when they do not exist yet */
    public EmbeddedInfrastructure(final Path dataDir, final int kafkaPort, final int registryPort,
            final PartitionCounts partitions) {
        this(new EmbeddedKafkaBroker(dataDir, kafkaPort, 0), null, REPLICATION_FACTOR, registryPort, partitions);
    }

    private EmbeddedInfrastructure(final EmbeddedKafkaBroker broker, final EmbeddedKafkaCluster cluster, final short replicationFactor,
            final int registryPort, final PartitionCounts partitions) {
        this.broker = broker;
        this.cluster = cluster;
        this.replicationFactor = replicationFactor;
        this.registryPort = registryPort;
        this.partitions = partitions;
    }

    /**
     * The exchange's infrastructure on {@code cluster} (not started yet): the schema registry's topic and the
     * catalogue's topics get {@link EmbeddedKafkaCluster#REPLICATION_FACTOR} replicas. The registry runs in this JVM
     * and is reached over any of the brokers, so it outlives the loss of one.
     *
     * @param registryPort registry HTTP port, 0 for any free port
     */
    public static EmbeddedInfrastructure cluster(final EmbeddedKafkaCluster cluster, final int registryPort,
            final PartitionCounts partitions) {
        return new EmbeddedInfrastructure(null, cluster, EmbeddedKafkaCluster.REPLICATION_FACTOR, registryPort, partitions);
    }

    public synchronized EmbeddedInfrastructure start() {
        if (cluster != null) {
            cluster.start();
        } else {
            broker.start();
        }
        registry = new EmbeddedSchemaRegistry(bootstrapServers(), "localhost", registryPort, replicationFactor).start();
        registryPort = registry.port();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            new TopicProvisioner(admin, replicationFactor, partitions).ensure(Topics.ALL);
        }
        return this;
    }

    public synchronized void stop() {
        if (registry != null) {
            registry.stop();
            registry = null;
        }
        if (cluster != null) {
            cluster.stop();
        } else {
            broker.stop();
        }
    }

    /** Stops and starts again on the same data directory and ports. */
    public EmbeddedInfrastructure restart() {
        stop();
        return start();
    }

    public String bootstrapServers() {
        return cluster != null ? cluster.bootstrapServers() : broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** The single broker; on a {@link #cluster}, its first node. */
    public EmbeddedKafkaBroker broker() {
        return cluster != null ? cluster.broker(1) : broker;
    }

    /** The cluster this runs on, or {@code null} for the single broker of the default. */
    public EmbeddedKafkaCluster kafkaCluster() {
        return cluster;
    }

    /** Replicas of every topic created here: 1 on the single broker, 3 on a cluster. */
    public short replicationFactor() {
        return replicationFactor;
    }

    @Override
    public void close() {
        stop();
    }
}
