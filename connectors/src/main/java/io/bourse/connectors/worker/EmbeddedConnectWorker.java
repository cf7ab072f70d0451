package io.bourse.connectors.worker;

import io.bourse.connectors.BourseAvroConverter;
import io.bourse.schemas.cluster.KafkaEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker inside this JVM: Connect's own standalone herder and worker, without the
 * REST server. Connectors are added with {@link #putConnector}. Sink connectors keep their progress
 * as committed offsets of the consumer group {@code connect-<name>} in Kafka, so a new worker on the
 * same broker resumes where the last one committed; the offsets file under the work directory only
 * serves source connectors.
 */
public final class EmbeddedConnectWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnectWorker.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final StandaloneHerder herder;

    private EmbeddedConnectWorker(final StandaloneHerder herder) {
        this.herder = herder;
    }

    /**
     * Starts a worker on {@code cluster} whose default value converter is {@link BourseAvroConverter}
     * on the cluster's schema registry.
     *
     * @param workDir where the worker keeps its (source-connector) offsets file
     * @param offsetCommitInterval how often sink tasks commit what they have written
     */
    public static EmbeddedConnectWorker start(final KafkaEndpoints cluster, final Path workDir,
            final Duration offsetCommitInterval) {
        requireUtc(TimeZone.getDefault());
        final long startedAt = System.nanoTime();
        final Map<String, String> props = workerConfig(cluster, workDir, offsetCommitInterval);
        final Plugins plugins = new Plugins(props);
        final StandaloneConfig config = new StandaloneConfig(props);
        final FileOffsetBackingStore offsets = new FileOffsetBackingStore(plugins.newInternalConverter(true,
                org.apache.kafka.connect.json.JsonConverter.class.getName(), Map.of("schemas.enable", "false")));
        offsets.configure(config);
        final ConnectorClientConfigOverridePolicy policy = new AllConnectorClientConfigOverridePolicy();
        final Worker worker = new Worker("embedded-connect", Time.SYSTEM, plugins, config, offsets, policy);
        final StandaloneHerder herder = new StandaloneHerder(worker, config.kafkaClusterId(), policy);
        herder.start();
        LOG.info("Connect worker up on {} in {} ms", cluster.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return new EmbeddedConnectWorker(herder);
    }

    /**
     * The worker's settings. A secured cluster's client settings go to the worker's own clients and,
     * with Connect's prefixes, to the clients it makes for connectors: the sink tasks' consumers, the
     * dead-letter producers and their admin client. Connect gives those none of the worker's
     * unprefixed settings.
     */
    static Map<String, String> workerConfig(final KafkaEndpoints cluster, final Path workDir,
            final Duration offsetCommitInterval) {
        final Map<String, String> props = new HashMap<>();
        cluster.clientSettings().forEach((key, value) -> {
            for (final String prefix : List.of("", "consumer.", "producer.", "admin.")) {
                props.put(prefix + key, value);
            }
        });
        props.put(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, StringConverter.class.getName());
        props.put(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, BourseAvroConverter.class.getName());
        cluster.serdeConfig().forEach((key, value) -> props.put("value.converter." + key, value.toString()));
        props.put(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, workDir.resolve("connect.offsets").toString());
        props.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, Long.toString(offsetCommitInterval.toMillis()));
        // Plugins are found through their ServiceLoader manifests: no reflective scan of the classpath.
        props.put(WorkerConfig.PLUGIN_DISCOVERY_CONFIG, "service_load");
        props.put(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG, "All");
        // The topologies write with transactions: a sink must never see aborted or uncommitted records.
        props.put("consumer.isolation.level", "read_committed");
        props.put("rest.advertised.host.name", "localhost");
        return props;
    }

    /**
     * Debezium's JDBC sink binds a Connect {@code Timestamp} as a {@code LocalDateTime} that Hibernate
     * turns back into an instant in the JVM's default time zone: outside UTC every timestamptz would
     * be shifted by the zone's offset. A Connect worker therefore runs in UTC (Connect's container
     * images do; the launcher passes {@code -Duser.timezone=UTC}), and this one refuses otherwise.
     */
    static void requireUtc(final TimeZone zone) {
        if (zone.getRawOffset() != 0 || zone.useDaylightTime()) {
            throw new IllegalStateException("The in-process Connect worker needs a JVM in UTC (run java with "
                    + "-Duser.timezone=UTC); in " + zone.getID() + " the JDBC sink would shift every timestamp");
        }
    }

    /** Creates or replaces the connector configured by {@code config} (which names it) and waits until it is accepted. */
    public void putConnector(final Map<String, String> config) {
        final String name = config.get(ConnectorConfig.NAME_CONFIG);
        if (name == null) {
            throw new IllegalArgumentException("Connector configuration without '" + ConnectorConfig.NAME_CONFIG + "'");
        }
        final FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        herder.putConnectorConfig(name, config, true, created);
        await(created, "create connector " + name);
        LOG.info("Connector {} running", name);
    }

    /** The connector's and its tasks' states (RUNNING, FAILED with a trace, ...). */
    public ConnectorStateInfo status(final String connectorName) {
        return herder.connectorStatus(connectorName);
    }

    /** Stops every connector and task (they commit what they have written) and the worker. */
    @Override
    public void close() {
        herder.stop();
        LOG.info("Connect worker stopped");
    }

    private static <T> T await(final FutureCallback<T> callback, final String what) {
        try {
            return callback.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to " + what, e);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot " + what, e.getCause() == null ? e : e.getCause());
        }
    }
}
