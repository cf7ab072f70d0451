package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.streams.StreamsDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} while Streams re-creates a RocksDB store can leave its directory with a write-ahead
 * log and no database: RocksDB then refuses to open it, and before {@link StreamsDefaults#start} the node
 * refused to start until someone deleted the directory (seen in {@code CrashRecoveryIT}). On a real broker.
 */
class UnreadableLocalStateTest {

    private static final String APPLICATION = "unreadable-state-test";
    private static final String INPUT = "unreadable-state-input";
    private static final String STORE = "values";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HALF_CREATED_LOG = "000017.log";

    @TempDir
    static Path dir;
    private static EmbeddedInfrastructure infra;

    @BeforeAll
    static void start() throws Exception {
        infra = new EmbeddedInfrastructure(Files.createDirectories(dir.resolve("kafka")), 0, 0).start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(INPUT, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    @Test
    void shouldWipeAStoreRocksDbCannotOpenAndRestoreItFromTheChangelog() throws Exception {
        final Path stateDir = dir.resolve("streams");
        final Supplier<KafkaStreams> factory = () -> new KafkaStreams(topology(), new StreamsConfig(config(stateDir)));

        final KafkaStreams first = StreamsDefaults.start(factory);
        send("RELIANCE", "2450.05");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(read(first, "RELIANCE")).isEqualTo("2450.05"));
        StreamsDefaults.close(first, Duration.ofSeconds(30));

        final Path store = stateDir.resolve(APPLICATION).resolve("0_0").resolve("rocksdb").resolve(STORE);
        assertThat(store).isDirectory();
        halfCreate(store);

        final KafkaStreams plain = factory.get();
        assertThatThrownBy(plain::start).as("the damage this test makes is the damage RocksDB refuses")
                .isInstanceOf(ProcessorStateException.class);
        plain.close(Duration.ofSeconds(30));
        // The crashed node never got to close anything: leave the damage as the kill left it.
        halfCreate(store);

        final KafkaStreams recovered = StreamsDefaults.start(factory);
        try {
            assertThat(store.resolve(HALF_CREATED_LOG)).as("the unreadable store was wiped").doesNotExist();
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(read(recovered, "RELIANCE")).isEqualTo("2450.05"));
        } finally {
            StreamsDefaults.close(recovered, Duration.ofSeconds(30));
        }
    }

    /** What a kill during {@code RocksDB.open} of a new database leaves: its first log file and nothing else. */
    private static void halfCreate(final Path store) throws IOException {
        if (Files.exists(store)) {
            try (Stream<Path> files = Files.walk(store)) {
                files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(store)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(store);
        Files.write(store.resolve(HALF_CREATED_LOG), new byte[0]);
    }

    private static Topology topology() {
        final Topology topology = new Topology();
        topology.addSource("read-input", Serdes.String().deserializer(), Serdes.String().deserializer(), INPUT);
        topology.addProcessor("store-values", StoreValue::new, "read-input");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String()),
                "store-values");
        return topology;
    }

    private static Map<String, Object> config(final Path stateDir) {
        final Map<String, Object> config = StreamsDefaults.config(APPLICATION, infra.bootstrapServers(),
                SchemaRegistryClients.MOCK_SCHEME + "unreadable-state", stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        return config;
    }

    private static String read(final KafkaStreams streams, final String key) {
        final ReadOnlyKeyValueStore<String, String> store = streams.store(
                StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
        return store.get(key);
    }

    private static void send(final String key, final String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(INPUT, key, value)).get();
        }
    }

    private static final class StoreValue implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, String> values;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            values = context.getStateStore(STORE);
        }

        @Override
        public void process(final Record<String, String> record) {
            values.put(record.key(), record.value());
        }
    }
}
