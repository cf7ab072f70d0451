package io.bourse.embedded;

import io.bourse.schemas.catalogue.PartitionCounts;
import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.BourseEnvironment;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.cluster.TopicProvisioner;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded infrastructure (broker, schema registry, topics) and keeps it running
 * until Ctrl-C. Settings come from the environment: {@code BOURSE_DATA_DIR} (default
 * {@code ./data}), {@code BOURSE_KAFKA_PORT} (9092), {@code BOURSE_REGISTRY_PORT} (8081), and the
 * partition counts topics are created with, {@code BOURSE_KAFKA_USERPARTITIONS} and
 * {@code BOURSE_KAFKA_SYMBOLPARTITIONS} (6 each; see {@link PartitionCounts}).
 *
 * <p>With {@code BOURSE_BOOTSTRAP_SERVERS} set it starts no broker or registry of its own: it uses
 * that Kafka cluster and the registry at {@code BOURSE_SCHEMA_REGISTRY_URL} (as {@code ./bourse run}
 * does with the node's embedded broker), creating the catalogue's missing topics with the
 * replication factor {@link ClusterReplication} learns from the cluster ({@code BOURSE_REPLICATION_FACTOR}
 * if set, else that of the existing topics, else 3; at most the broker count). A secured
 * cluster's client settings come from {@code BOURSE_KAFKA_CLIENT_*} and the registry's credentials
 * from {@code BOURSE_SCHEMA_REGISTRY_USER_INFO}, as a node takes them (see {@link KafkaEndpoints#fromEnvironment}).
 *
 * <p>Then it starts every {@link EmbeddedExtension} on the classpath that the environment enables
 * (such as the JDBC sink of the connectors module).
 */
public final class EmbeddedMain {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMain.class);

    /** The defaults of {@code BOURSE_DATA_DIR}, {@code BOURSE_KAFKA_PORT} and {@code BOURSE_REGISTRY_PORT}: the node's own (a test keeps them so). */
    public static final String DEFAULT_DATA_DIR = "data";
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REGISTRY_PORT = 8081;

    private EmbeddedMain() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final Started started = start(System.getenv());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            stopped.countDown();
        }, "bourse-shutdown"));
        System.out.print(started.banner());
        stopped.await();
    }

    /**
     * Starts what {@code environment} asks for, as {@link #main} does with the process environment.
     *
     * @throws RuntimeException when a part fails to start, after stopping what had started
     */
    public static Started start(final Map<String, String> environment) {
        final BourseEnvironment env = new BourseEnvironment(environment);
        final Path dataDir = Path.of(env.get("BOURSE_DATA_DIR", DEFAULT_DATA_DIR));
        final PartitionCounts partitions = new PartitionCounts(
                env.integer("BOURSE_KAFKA_USERPARTITIONS", PartitionCounts.DEFAULT.byUser()),
                env.integer("BOURSE_KAFKA_SYMBOLPARTITIONS", PartitionCounts.DEFAULT.bySymbol()));
        final Deque<AutoCloseable> running = new ArrayDeque<>();
        final KafkaEndpoints cluster;
        final short replicationFactor;
        final String externalCluster = env.get("BOURSE_BOOTSTRAP_SERVERS");
        if (externalCluster == null) {
            final EmbeddedInfrastructure infra = new EmbeddedInfrastructure(dataDir.resolve("kafka-broker"),
                    env.integer("BOURSE_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                    env.integer("BOURSE_REGISTRY_PORT", DEFAULT_REGISTRY_PORT), partitions).start();
            running.push(infra::stop);
            cluster = new KafkaEndpoints(infra.bootstrapServers(), infra.schemaRegistryUrl());
            replicationFactor = EmbeddedInfrastructure.REPLICATION_FACTOR;
            if (!KafkaEndpoints.fromEnvironment(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), environment)
                    .clientSettings().isEmpty()) {
                LOG.warn("{}* settings are for a cluster named by BOURSE_BOOTSTRAP_SERVERS; the embedded broker takes "
                        + "plain connections and they are not used", KafkaEndpoints.ENV_CLIENT_PREFIX);
            }
        } else {
            cluster = KafkaEndpoints.fromEnvironment(externalCluster,
                    env.required("BOURSE_SCHEMA_REGISTRY_URL", "when BOURSE_BOOTSTRAP_SERVERS is"), environment);
            // The script names the node's embedded broker here too, so the cluster, not this variable, says how
            // many replicas it can hold.
            final String configured = env.get("BOURSE_REPLICATION_FACTOR");
            try (Admin admin = Admin.create(cluster.clientConfig(Map.of()))) {
                replicationFactor = ClusterReplication.of(admin, Topics.ALL.stream().map(Topic::name).toList(),
                        configured == null ? null : Short.valueOf(configured));
                new TopicProvisioner(admin, replicationFactor, partitions).ensure(Topics.ALL);
            }
        }
        final StringBuilder extensions = new StringBuilder();
        final EmbeddedExtension.Context context = new EmbeddedExtension.Context(dataDir, cluster, replicationFactor,
                environment);
        for (final EmbeddedExtension extension : ServiceLoader.load(EmbeddedExtension.class)) {
            try {
                extension.start(context).ifPresent(started -> {
                    running.push(started);
                    extensions.append("  ").append(started.summary()).append('\n');
                });
            } catch (final RuntimeException e) {
                LOG.error("Extension {} failed to start; stopping", extension.getClass().getName(), e);
                stopAll(running);
                throw e;
            }
        }
        final String banner = String.format("""

                Bourse %s is up (data in %s)
                  Kafka bootstrap servers : %s
                  Schema registry         : %s   (try: curl %s/subjects)
                %sPress Ctrl-C to stop; starting again resumes from the same data.

                """, externalCluster == null ? "embedded infrastructure" : "node",
                dataDir.toAbsolutePath(), cluster.bootstrapServers(), cluster.schemaRegistryUrl(), cluster.schemaRegistryUrl(),
                extensions);
        return new Started(running, banner);
    }

    /** What {@link #start} started; closing stops it, newest first. */
    public static final class Started implements AutoCloseable {
        private final Deque<AutoCloseable> running;
        private final String banner;

        private Started(final Deque<AutoCloseable> running, final String banner) {
            this.running = running;
            this.banner = banner;
        }

        /** The start-up banner: where the cluster and registry are, and one line per started extension. */
        public String banner() {
            return banner;
        }

        @Override
        public void close() {
            synchronized (running) {
                stopAll(running);
            }
        }
    }

    /** Stops what was started, newest first. */
    private static void stopAll(final Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (final Exception e) {
                LOG.warn("Error while stopping", e);
            }
        }
    }

}
