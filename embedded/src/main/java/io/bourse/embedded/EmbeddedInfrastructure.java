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
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    /** A single broker holds one copy of everything. */
    static final short REPLICATION_FACTOR = 1;

    private final EmbeddedKafkaBroker broker;
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
        this.broker = new EmbeddedKafkaBroker(dataDir, kafkaPort, 0);
        this.registryPort = registryPort;
        this.partitions = partitions;
    }

    public synchronized EmbeddedInfrastructure start() {
        broker.start();
        registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "localhost", registryPort, REPLICATION_FACTOR).start();
        registryPort = registry.port();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin, REPLICATION_FACTOR, partitions).ensure(Topics.ALL);
        }
        return this;
    }

    public synchronized void stop() {
        if (registry != null) {
            registry.stop();
            registry = null;
        }
        broker.stop();
    }

    /** Stops and starts again on the same data directory and ports. */
    public EmbeddedInfrastructure restart() {
        stop();
        return start();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    @Override
    public void close() {
        stop();
    }
}
