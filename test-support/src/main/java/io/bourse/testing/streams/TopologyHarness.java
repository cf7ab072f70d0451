package io.bourse.testing.streams;

import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.schemas.streams.StreamsDefaults;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The {@code TopologyTestDriver} set-up the topology modules' tests share: a mock schema registry
 * scope of its own, drivers configured as production configures Kafka Streams
 * ({@link StreamsDefaults#config}), input and output topics typed by the catalogue, and one
 * {@link #close()} for every driver still open and the registry scope.
 *
 * <pre>{@code
 * try (TopologyHarness harness = new TopologyHarness("matching")) {
 *     TopologyTestDriver driver = harness.start(MatchingTopology.build(harness.serdeConfig()), "matching-test", stateDir,
 *             StreamsConfig.AT_LEAST_ONCE, START);
 *     TestInputTopic<String, MatchingCommand> commands = harness.input(driver, Topics.MATCHING_COMMANDS);
 * }
 * }</pre>
 *
 * <p>Under exactly-once, {@code TopologyTestDriver} drops the records a deserialization handler
 * writes to the dead-letter topic (a real broker does not); tests of dead letters run at-least-once.
 */
public final class TopologyHarness implements AutoCloseable {

    /** What a driver is told the brokers are; {@code TopologyTestDriver} never connects. */
    private static final String NO_BROKER = "dummy:9092";

    private final String registryUrl;
    private final Map<String, Object> serdeConfig;
    private final List<TopologyTestDriver> open = new ArrayList<>();

    /** @param name names the mock registry scope, {@code mock://<name>-<random>} */
    public TopologyHarness(final String name) {
        this.registryUrl = SchemaRegistryClients.MOCK_SCHEME + name + "-" + UUID.randomUUID();
        this.serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    }

    /** The mock registry's URL, unique to this harness. */
    public String registryUrl() {
        return registryUrl;
    }

    /** The serde configuration a topology and its topics' serdes take: the mock registry's URL. */
    public Map<String, Object> serdeConfig() {
        return serdeConfig;
    }

    /**
     * Starts {@code topology} on a new driver, its wall clock at {@code wallClockStart}.
     *
     * @param applicationId also the prefix of the topology's internal topics and its state directory's name
     * @param processingGuarantee e.g. {@link StreamsConfig#AT_LEAST_ONCE}
     */
    public TopologyTestDriver start(final Topology topology, final String applicationId, final Path stateDir,
            final String processingGuarantee, final Instant wallClockStart) {
        return opened(new TopologyTestDriver(topology, config(applicationId, stateDir, processingGuarantee), wallClockStart));
    }

    /** Starts {@code topology} on a new driver whose wall clock starts now. */
    public TopologyTestDriver start(final Topology topology, final String applicationId, final Path stateDir,
            final String processingGuarantee) {
        return opened(new TopologyTestDriver(topology, config(applicationId, stateDir, processingGuarantee)));
    }

    /** Input topic {@code topic} of {@code driver}: string keys, the catalogue's value serde. */
    public <V extends SpecificRecord> TestInputTopic<String, V> input(final TopologyTestDriver driver, final Topic<V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), topic.valueSerde(serdeConfig).serializer());
    }

    /** Output topic {@code topic} of {@code driver}, read with the catalogue's key and value serdes. */
    public <V extends SpecificRecord> TestOutputTopic<String, V> output(final TopologyTestDriver driver, final Topic<V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde(serdeConfig).deserializer());
    }

    /** Closes {@code driver} now, e.g. to start the same application again on its state directory. */
    public void close(final TopologyTestDriver driver) {
        if (open.remove(driver)) {
            driver.close();
        }
    }

    /** Closes every driver still open, in the order they started, and drops the mock registry scope. */
    @Override
    public void close() {
        try {
            while (!open.isEmpty()) {
                open.remove(0).close();
            }
        } finally {
            SchemaRegistryClients.dropMockScope(registryUrl);
        }
    }

    private Properties config(final String applicationId, final Path stateDir, final String processingGuarantee) {
        final Map<String, Object> config = StreamsDefaults.config(applicationId, NO_BROKER, registryUrl, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        final Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }

    private TopologyTestDriver opened(final TopologyTestDriver driver) {
        open.add(driver);
        return driver;
    }
}
