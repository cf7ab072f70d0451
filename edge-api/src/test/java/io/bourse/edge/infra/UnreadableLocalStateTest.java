package io.bourse.edge.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bourse.embedded.EmbeddedInfrastructure;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.streams.StreamsDefaults;
import io.bourse.testing.broker.SharedBroker;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} while Streams re-creates a RocksDB store can leave its directory with a write-ahead
 * log and no database: RocksDB then refuses to open it, and before {@link StreamsDefaults#start} the node
 * refused to start until someone deleted the directory (seen in {@code CrashRecoveryIT}). On a real broker.
 * The test's task has two stores, like most of ours, and the damaged one is the second.
 */
@SharedBroker
class UnreadableLocalStateTest {

    private static final String APPLICATION = "unreadable-state-test";
    private static final String INPUT = "unreadable-state-input";
    private static final String FIRST_STORE = "values";
    private static final String LATER_STORE = "values-again";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HALF_CREATED_LOG = "000017.log";

    @TempDir
    static Path dir;
    private static EmbeddedInfrastructure infra;

    @BeforeAll
    static void start(final EmbeddedInfrastructure shared) throws Exception {
        infra = shared;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(INPUT, 1, (short) 1))).all().get();
        }
    }

    @Test
    void shouldRemoveAStoreRocksDbCannotOpenAndRestoreItFromTheChangelog() throws Exception {
        final Path stateDir = dir.resolve("streams");
        final Path applicationDir = stateDir.resolve(APPLICATION);
        final KafkaStreams first = StreamsDefaults.start(applicationDir, factory(stateDir));
        send("RELIANCE", "2450.05");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(read(first, LATER_STORE, "RELIANCE")).isEqualTo("2450.05"));
        StreamsDefaults.close(first, Duration.ofSeconds(30));

        // The second of the task's two stores, so a start that fails on it has already opened the first.
        final Path task = applicationDir.resolve("0_0");
        halfCreate(task.resolve("rocksdb").resolve(LATER_STORE));
        assertThat(StreamsDefaults.halfCreatedStores(applicationDir)).containsExactly(task);

        // The damage is the one RocksDB refuses: shown on a copy, in another state directory, because a
        // failed start may keep the first store open in this process, which the crashed node did not.
        final Path copy = dir.resolve("copy");
        copyTree(stateDir, copy);
        final KafkaStreams plain = factory(copy).get();
        assertThatThrownBy(plain::start).isInstanceOf(ProcessorStateException.class);
        plain.close(Duration.ofSeconds(30));

        final KafkaStreams recovered = StreamsDefaults.start(applicationDir, factory(stateDir));
        try {
            assertThat(StreamsDefaults.halfCreatedStores(applicationDir)).isEmpty();
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                assertThat(read(recovered, FIRST_STORE, "RELIANCE")).isEqualTo("2450.05");
                assertThat(read(recovered, LATER_STORE, "RELIANCE")).isEqualTo("2450.05");
            });
        } finally {
            StreamsDefaults.close(recovered, Duration.ofSeconds(30));
        }
    }

    private static Supplier<KafkaStreams> factory(final Path stateDir) {
        return () -> new KafkaStreams(topology(), new StreamsConfig(config(stateDir)));
    }

    private static void copyTree(final Path from, final Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (final Path path : paths.toList()) {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (!path.getFileName().toString().equals("LOCK") && !path.getFileName().toString().equals(".lock")) {
                    Files.copy(path, target);
                }
            }
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
        for (final String store : List.of(FIRST_STORE, LATER_STORE)) {
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.String()),
                    "store-values");
        }
        return topology;
    }

    private static Map<String, Object> config(final Path stateDir) {
        final Map<String, Object> config = StreamsDefaults.config(APPLICATION, infra.bootstrapServers(),
                SchemaRegistryClients.MOCK_SCHEME + "unreadable-state", stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        return config;
    }

    private static String read(final KafkaStreams streams, final String storeName, final String key) {
        final ReadOnlyKeyValueStore<String, String> store = streams.store(
                StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
        return store.get(key);
    }

    private static void send(final String key, final String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(INPUT, key, value)).get();
        }
    }

    private static final class StoreValue implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, String> first;
        private KeyValueStore<String, String> later;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            first = context.getStateStore(FIRST_STORE);
            later = context.getStateStore(LATER_STORE);
        }

        @Override
        public void process(final Record<String, String> record) {
            first.put(record.key(), record.value());
            later.put(record.key(), record.value());
        }
    }
}
