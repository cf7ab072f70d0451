package io.bourse.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.network.metrics.RequestMetrics;
import org.apache.kafka.server.metrics.KafkaMetricsGroup;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM.
 *
 * <p>Data lives under {@code dataDir/kafka}; starting again on the same directory keeps every
 * topic and record. The storage is formatted once, with a fixed cluster id, when
 * {@code meta.properties} is missing. Internal topics use replication factor 1 and the transaction
 * log min ISR is 1, so {@code exactly_once_v2} works on this one broker. The same class runs each
 * node of an {@link EmbeddedKafkaCluster}, with that cluster's replication settings.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Fixed so that a restart on existing data passes the cluster-id check. */
    static final String CLUSTER_ID = "Ym91cnNlLWVtYmVkZGVkMA";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Object METRICS_REGISTRY = new Object();
    /** The file a broker writes into its log directory when it stops cleanly; without it, the next start recovers the logs. */
    private static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";
    private static final List<String> REQUEST_HISTOGRAMS = List.of("RequestQueueTimeMs", "LocalTimeMs", "RemoteTimeMs",
            "ThrottleTimeMs", "ResponseQueueTimeMs", "ResponseSendTimeMs", "TotalTimeMs", "RequestBytes");

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final int saslPort;
    private final int nodeId;
    private final String quorumVoters;
    private KafkaRaftServer server;

    /**
     * @param port the client port; 0 picks a free one (kept across {@link #restart()})
     * @param controllerPort the KRaft controller port; 0 picks a free one
     */
    public EmbeddedKafkaBroker(final Path dataDir, final int port, final int controllerPort) {
        this(dataDir, port, controllerPort, Map.of());
    }

    /**
     * @param overrides broker settings that replace or add to the defaults, e.g. another listener with SASL for a test
     *     of a secured cluster; a {@code listeners} override must keep the PLAINTEXT and CONTROLLER listeners on
     *     {@code port} and {@code controllerPort}
     */
    public EmbeddedKafkaBroker(final Path dataDir, final int port, final int controllerPort, final Map<String, String> overrides) {
        this(dataDir, port == 0 ? freePort() : port, controllerPort == 0 ? freePort() : controllerPort, overrides, 0);
    }

    private EmbeddedKafkaBroker(final Path dataDir, final int port, final int controllerPort, final Map<String, String> overrides,
            final int saslPort) {
        this(dataDir, port, controllerPort, overrides, saslPort, 1, "1@localhost:" + controllerPort);
    }

    private EmbeddedKafkaBroker(final Path dataDir, final int port, final int controllerPort, final Map<String, String> overrides,
            final int saslPort, final int nodeId, final String quorumVoters) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.overrides = Map.copyOf(overrides);
        this.saslPort = saslPort;
        this.nodeId = nodeId;
        this.quorumVoters = quorumVoters;
    }

    /**
     * One node of a multi-node KRaft cluster ({@link EmbeddedKafkaCluster}): broker and controller in one, a voter of
     * the static quorum {@code quorumVoters} ({@code id@host:controllerPort,...}, this node's own entry included).
     */
    static EmbeddedKafkaBroker clusterMember(final Path dataDir, final int nodeId, final int port, final int controllerPort,
            final String quorumVoters, final Map<String, String> overrides) {
        return new EmbeddedKafkaBroker(dataDir, port, controllerPort, overrides, 0, nodeId, quorumVoters);
    }

    /**
     * A broker for tests of clients on a secured cluster: besides the PLAINTEXT listener, which stays for the broker
     * itself and for the schema registry's journal, a SASL_PLAINTEXT listener ({@link #saslBootstrapServers()}) that
     * admits the users of {@code passwords} with the PLAIN mechanism. All ports are picked free.
     *
     * @param passwords user name to password
     */
    public static EmbeddedKafkaBroker withSaslPlainListener(final Path dataDir, final Map<String, String> passwords) {
        final int port = freePort();
        final int controllerPort = freePort();
        final int saslPort = freePort();
        final StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        passwords.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
        return new EmbeddedKafkaBroker(dataDir, port, controllerPort, Map.of(
                "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort
                        + ",SECURED://localhost:" + saslPort,
                "advertised.listeners", "PLAINTEXT://localhost:" + port + ",SECURED://localhost:" + saslPort,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURED:SASL_PLAINTEXT",
                "listener.name.secured.sasl.enabled.mechanisms", "PLAIN",
                "listener.name.secured.plain.sasl.jaas.config", jaas.append(';').toString()), saslPort);
    }

    /** Formats the storage if needed, starts the broker and waits until the cluster lists it as a live broker. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        final Properties props = brokerProperties();
        formatIfNeeded(props);
        final long startedAt = System.nanoTime();
        // The metrics registry is one per JVM: the nodes of a cluster started side by side register into it one at a time.
        synchronized (METRICS_REGISTRY) {
            registerUniformHistograms();
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        }
        server.startup();
        awaitReady();
        LOG.info("Kafka broker up on {} in {} ms (data: {})", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), logDir());
        return this;
    }

    /**
     * The broker times every request into about ten Yammer histograms, and its controller every
     * event into two, with a forward-decaying reservoir: each update allocates a skip-list node and
     * a boxed double and keeps them for about a thousand updates, long enough to be promoted and
     * then dropped. In the node's JVM that is a steady stream of old objects rewritten all the time,
     * which every young collection has to scan. Yammer hands out the metric already registered
     * under a name, so registering the same names first with a uniform reservoir (an array of
     * longs, nothing allocated per update) makes the broker use those. Their JMX percentiles then
     * cover the time since start rather than the last few minutes; counts and rates are unchanged.
     * Each holds 1,028 longs from the start, about 5 MiB for all of them.
     * Stopping the broker removes its metrics, so this runs before every start.
     */
    private static void registerUniformHistograms() {
        final KafkaMetricsGroup requests = new KafkaMetricsGroup("kafka.network", "RequestMetrics");
        final List<String> names = new ArrayList<>();
        final Set<ApiKeys> apis = ApiKeys.brokerApis();
        apis.addAll(ApiKeys.controllerApis());
        apis.forEach(api -> names.add(api.name));
        names.addAll(List.of(RequestMetrics.CONSUMER_FETCH_METRIC_NAME, RequestMetrics.FOLLOW_FETCH_METRIC_NAME,
                RequestMetrics.VERIFY_PARTITIONS_IN_TXN_METRIC_NAME, RequestMetrics.LIST_CLIENT_METRICS_RESOURCES_METRIC_NAME));
        for (final String request : names) {
            for (final String histogram : REQUEST_HISTOGRAMS) {
                requests.newHistogram(histogram, false, Map.of("request", request));
            }
        }
        for (final ApiKeys api : List.of(ApiKeys.FETCH, ApiKeys.PRODUCE)) {
            requests.newHistogram(RequestMetrics.MESSAGE_CONVERSIONS_TIME_MS, false, Map.of("request", api.name));
            requests.newHistogram(RequestMetrics.TEMPORARY_MEMORY_BYTES, false, Map.of("request", api.name));
        }
        new KafkaMetricsGroup("kafka.server", "AddPartitionsToTxnManager").newHistogram("VerificationTimeMs", false, Map.of());
        for (final String histogram : List.of("EventQueueTimeMs", "EventQueueProcessingTimeMs")) {
            KafkaYammerMetrics.defaultRegistry().newHistogram(
                    KafkaYammerMetrics.getMetricName("kafka.controller", "ControllerEventManager", histogram), false);
        }
    }

    /** Stops the broker, waiting for it to finish; data stays on disk. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka broker on {} stopped", bootstrapServers());
    }

    /**
     * Stops the broker as a crash would leave it, as far as one JVM can: its clean-shutdown marker is removed, so the
     * next {@link #start()} recovers every log as after {@code kill -9}. A broker started with
     * {@code controlled.shutdown.enable=false} (every member of an {@link EmbeddedKafkaCluster}) also leaves without
     * handing its partition leadership over: the controller fences it only when its session expires
     * ({@code broker.session.timeout.ms}), and clients see its connections refused until then. What a real crash
     * loses beyond that, unflushed page cache, a JVM cannot lose.
     */
    public synchronized void kill() {
        if (server == null) {
            return;
        }
        stop();
        try (var markers = Files.walk(logDir(), 1)) {
            for (final Path marker : markers.filter(p -> p.getFileName().toString().equals(CLEAN_SHUTDOWN_MARKER)).toList()) {
                Files.delete(marker);
            }
        } catch (final IOException e) {
            throw new IllegalStateException("Cannot remove the clean-shutdown marker in " + logDir(), e);
        }
        LOG.info("Kafka broker {} on {} killed: its next start recovers its logs", nodeId, bootstrapServers());
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The KRaft node id: 1 for a single broker, 1..n in an {@link EmbeddedKafkaCluster}. */
    public int nodeId() {
        return nodeId;
    }

    /** Stops and starts again on the same data directory and ports. */
    public EmbeddedKafkaBroker restart() {
        stop();
        return start();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The SASL listener of a broker made by {@link #withSaslPlainListener}. */
    public String saslBootstrapServers() {
        if (saslPort == 0) {
            throw new IllegalStateException("This broker has no SASL listener");
        }
        return "localhost:" + saslPort;
    }

    public Path logDir() {
        return dataDir.resolve("kafka");
    }

    @Override
    public void close() {
        stop();
    }

    private Properties brokerProperties() {
        final Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(nodeId)),
                Map.entry("controller.quorum.voters", quorumVoters),
                Map.entry("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir().toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "6"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "6"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // The kernel's autotuned socket buffers, as the clients' (KafkaEndpoints.AUTOTUNED_SOCKET_BUFFERS):
                // with the broker's fixed 100 KiB the kernel dropped segments of full receive queues on loopback.
                Map.entry("socket.receive.buffer.bytes", "-1"),
                Map.entry("socket.send.buffer.bytes", "-1"),
                Map.entry("log.flush.interval.messages", Long.toString(Long.MAX_VALUE))));
        p.putAll(overrides);
        return p;
    }

    private void formatIfNeeded(final Properties props) {
        if (Files.exists(logDir().resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir());
            final Path config = Files.createTempFile("bourse-broker", ".properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "Bourse embedded broker, for storage formatting");
            }
            final ByteArrayOutputStream output = new ByteArrayOutputStream();
            // Transactions version 1: the classic exactly-once protocol. With version 2 (KIP-890) this
            // single broker logged OutOfOrderSequenceException for Streams producers during start-up
            // bursts and, once in a few runs, a topology stalled; version 1 showed neither.
            final int exit = StorageTool.execute(new String[] {"format", "-t", CLUSTER_ID, "-c", config.toString(),
                "--feature", "transaction.version=1"},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            Files.deleteIfExists(config);
            if (exit != 0) {
                throw new IllegalStateException("Formatting Kafka storage in " + logDir() + " failed: "
                        + output.toString(StandardCharsets.UTF_8));
            }
        } catch (final IOException e) {
            throw new IllegalStateException("Cannot prepare Kafka storage in " + logDir(), e);
        }
    }

    private void awaitReady() {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                try {
                    // Registered and unfenced: the cluster lists only brokers that may lead partitions.
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == nodeId)) {
                        return;
                    }
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                } catch (final Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not become ready", notYet);
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
