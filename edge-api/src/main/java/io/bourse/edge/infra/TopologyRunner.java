package io.bourse.edge.infra;

import io.bourse.client.HostedTopologies;
import io.bourse.edge.BourseProperties;
import io.bourse.marketdata.topology.MarketDataConfig;
import io.bourse.portfolio.topology.PortfolioConfig;
import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.streams.StreamsDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the topologies this node hosts, each as its own {@link KafkaStreams} with its own
 * application id, exactly-once, and {@code application.server} set so other nodes can route
 * queries here. Stops them with a leave-group close so a restart gets its partitions at once.
 */
@Component
public class TopologyRunner implements SmartLifecycle {

    /** How long a stopping node gives its Kafka Streams applications, closed side by side, to close. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** Topology names as used in {@code bourse.topologies}. */
    public static final String MATCHING = HostedTopologies.MATCHING;
    public static final String PORTFOLIO = HostedTopologies.PORTFOLIO;
    public static final String MARKETDATA = HostedTopologies.MARKETDATA;
    public static final String NOTIFICATIONS = HostedTopologies.NOTIFICATIONS;

    private static final Logger LOG = LoggerFactory.getLogger(TopologyRunner.class);

    private final BourseProperties properties;
    private final KafkaEndpoints endpoints;
    private final String advertised;
    private final Map<String, KafkaStreams> running = new LinkedHashMap<>();
    private AbandonedTransactions abandoned;
    private volatile boolean started;

    public TopologyRunner(final BourseProperties properties, final KafkaEndpoints endpoints,
            @Value("${server.port:8080}") final int httpPort) {
        this.properties = properties;
        this.endpoints = endpoints;
        final String configured = properties.streams().advertisedHostPort();
        this.advertised = configured == null || configured.isBlank() ? "localhost:" + httpPort : configured;
    }

    @Override
    public synchronized void start() {
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(properties.streams().processingGuarantee())) {
            LOG.warn("Topologies run {}: a crash can duplicate settlements and ledger entries. Use it only to measure what "
                    + "exactly-once costs, never with real money", properties.streams().processingGuarantee());
        }
        final Map<String, Object> serde = endpoints.serdeConfig();
        // Only the embedded default (or a throwaway cluster that allows demo accounts) credits the seeder's demo cash.
        final PortfolioConfig fees = new PortfolioConfig(properties.fees().makerBasisPoints(), properties.fees().takerBasisPoints(),
                properties.kafka().embedded() || properties.security().allowDemoAccounts());
        final MarketDataConfig marketData = MarketDataConfig.defaults().withPublishInterval(properties.marketData().publishInterval());
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(properties.streams().processingGuarantee())) {
            abandoned = new AbandonedTransactions(endpoints.clientConfig(Map.of()));
        }
        for (final String name : properties.topologies()) {
            run(name.trim(), applicationId(name.trim()), build(name.trim(), fees, marketData, serde));
        }
        started = true;
    }

    /** The application id (and consumer group) of the topology called {@code name}. */
    public static String applicationId(final String name) {
        return HostedTopologies.applicationId(name);
    }

    /** The topology called {@code name}; {@code serde} holds at least {@code schema.registry.url}. */
    public static Topology build(final String name, final PortfolioConfig fees, final MarketDataConfig marketData,
            final Map<String, ?> serde) {
        return HostedTopologies.build(name, fees, marketData, serde);
    }

    private void run(final String name, final String applicationId, final Topology topology) {
        final Map<String, Object> config = streamsConfig(name, applicationId);
        final KafkaStreams streams = StreamsDefaults.start(stateDirectory().resolve(applicationId), () -> {
            final KafkaStreams instance = new KafkaStreams(topology, new StreamsConfig(config));
            instance.setUncaughtExceptionHandler(exception -> {
                LOG.error("Topology {} lost a stream thread; replacing it", name, exception);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            final AbandonedTransactions fencer = abandoned;
            if (fencer != null) {
                // A rebalance may follow a crashed node's departure: abort what it left open rather than wait for
                // its transactions to time out (AbandonedTransactions).
                final List<String> applicationIds = properties.topologies().stream().map(t -> applicationId(t.trim())).toList();
                instance.setStateListener((now, before) -> {
                    if (now == KafkaStreams.State.REBALANCING
                            || now == KafkaStreams.State.RUNNING && before == KafkaStreams.State.REBALANCING) {
                        fencer.check(applicationIds);
                    }
                });
            }
            return instance;
        });
        running.put(name, streams);
        LOG.info("Started topology {} ({}): commit interval {} ms, poll {} ms, {} stream threads, record cache {} KiB", name,
                applicationId, properties.streams().commitIntervalMs(name), properties.streams().pollMs(name),
                properties.streams().threads(name), properties.streams().cacheMaxBytes() / 1024);
    }

    /** The Kafka Streams settings of topology {@code name}: the defaults every topology shares, then this node's. */
    Map<String, Object> streamsConfig(final String name, final String applicationId) {
        // The cluster's client settings and the registry's credentials; the settings below are the node's own.
        final Map<String, Object> config = StreamsDefaults.config(applicationId, endpoints, stateDirectory().toString());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.streams().commitIntervalMs(name));
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), properties.streams().lingerMs());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, properties.streams().processingGuarantee());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, properties.streams().standbyReplicas());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.streams().threads(name));
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, properties.streams().cacheMaxBytes());
        config.put(StreamsConfig.POLL_MS_CONFIG, properties.streams().pollMs(name));
        // Static membership: a node restarted under the same address takes its partitions back at once
        // instead of waiting for the session timeout of the instance it replaces.
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                applicationId + "." + advertised.replaceAll("[^A-Za-z0-9._-]", "_"));
        // A crashed node, or a stream thread replaced after an error (it joins under a new instance id), keeps its
        // partitions until its session expires: keep that wait short (bourse.streams.session-timeout).
        final long sessionMs = properties.streams().sessionTimeout().toMillis();
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) sessionMs);
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) Math.max(100, sessionMs / 3));
        config.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) properties.streams().transactionTimeout().toMillis());
        return config;
    }

    /** Where this node's Kafka Streams applications keep their local state, one folder per application id. */
    private Path stateDirectory() {
        return Path.of(properties.dataDir()).resolve("streams");
    }

    /**
     * Closes every topology at once, each within {@link #CLOSE_WAIT}: a stop must end in seconds
     * whatever the stream threads are doing. A thread still busy after that is left to die with the
     * process; exactly-once means its open transaction is aborted and redone after the restart.
     */
    @Override
    public synchronized void stop() {
        final List<Thread> closing = new ArrayList<>();
        running.forEach((name, streams) -> {
            final Thread thread = new Thread(() -> StreamsDefaults.close(streams, CLOSE_WAIT), "bourse-close-" + name);
            thread.setDaemon(true);
            thread.start();
            closing.add(thread);
        });
        final long deadline = System.nanoTime() + CLOSE_WAIT.plusSeconds(1).toNanos();
        for (final Thread thread : closing) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running.clear();
        if (abandoned != null) {
            abandoned.close();
            abandoned = null;
        }
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Infrastructure first, the topologies next, the simulator and the edge's consumers after. */
    @Override
    public int getPhase() {
        return 0;
    }

    public Optional<KafkaStreams> streams(final String name) {
        return Optional.ofNullable(running.get(name));
    }

    public Map<String, KafkaStreams> all() {
        return Map.copyOf(running);
    }

    /** {@code host:port} this node advertises to the others. */
    public String advertised() {
        return advertised;
    }
}
