package io.bourse.schemas.streams;

import io.bourse.schemas.cluster.KafkaEndpoints;
import io.bourse.schemas.deadletter.DeadLetterDeserializationHandler;
import io.bourse.schemas.serde.SerdeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings every Bourse topology runs with, and its clean shutdown.
 *
 * <p>Money moves through every topology, so all run {@code exactly_once_v2}; records that cannot be
 * deserialized go to the dead-letter topic instead of stopping the application.
 */
public final class StreamsDefaults {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsDefaults.class);

    private StreamsDefaults() {
    }

    /**
     * The base configuration; callers add or override settings such as the commit interval,
     * threads, standby replicas or {@code application.server}.
     */
    public static Map<String, Object> config(final String applicationId, final String bootstrapServers,
            final String schemaRegistryUrl, final String stateDir) {
        final Map<String, Object> config = new HashMap<>();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // A task reads several co-partitioned topics (commands, results, payments), but no processor
        // joins them by timestamp: each record is handled on its own key's state. Waiting for every
        // partition of a task to have data (the default) only delays a record whose neighbours are
        // idle, and Streams formats a log message for each empty partition on every record it checks.
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        config.putAll(KafkaEndpoints.AUTOTUNED_SOCKET_BUFFERS);
        return config;
    }

    /**
     * The base configuration for a topology on {@code endpoints}' cluster: a secured cluster's client
     * settings reach every client Streams makes (the operator's socket buffers win over the autotuned
     * ones; no setting replaces one of the defaults above), and the serdes reach the registry with its
     * credentials.
     */
    public static Map<String, Object> config(final String applicationId, final KafkaEndpoints endpoints, final String stateDir) {
        final Map<String, Object> config = config(applicationId, endpoints.bootstrapServers(), endpoints.schemaRegistryUrl(),
                stateDir);
        endpoints.clientSettings().forEach((key, value) -> {
            if (KafkaEndpoints.AUTOTUNED_SOCKET_BUFFERS.containsKey(key)) {
                config.put(key, value);
            } else {
                config.putIfAbsent(key, value);
            }
        });
        config.putAll(endpoints.serdeConfig());
        return config;
    }

    /**
     * Starts a Kafka Streams instance from {@code factory}, first removing the local state of every
     * task that a crash left unreadable to RocksDB. Kafka is the system of record: a removed task
     * restores from its changelogs, as Streams does after any crash under exactly-once anyway, so
     * nothing is lost, and the node no longer refuses to start until someone deletes the directory.
     *
     * <p>The known damage ({@link #halfCreatedStores}) is removed before anything opens it, so no
     * RocksDB handle of this process is left on the directory. Should the local state still fail to
     * open, the instance is closed, this application's local state wiped and a fresh instance started.
     *
     * @param applicationStateDir {@code <state.dir>/<application.id>}
     * @param factory makes a new, not yet started instance (with its handlers set) each time it is called
     * @return the started instance
     */
    public static KafkaStreams start(final Path applicationStateDir, final Supplier<KafkaStreams> factory) {
        for (final Path task : halfCreatedStores(applicationStateDir)) {
            LOG.warn("Removing the local state of task {}: a store there has a write-ahead log but no database, as a crash "
                    + "while creating it leaves; the task restores from its changelogs", task);
            deleteRecursively(task);
        }
        final KafkaStreams first = factory.get();
        try {
            first.start();
            return first;
        } catch (final ProcessorStateException unreadable) {
            LOG.warn("Cannot open the local state ({}); wiping it and restoring every store from its changelog",
                    unreadable.getMessage(), unreadable);
            first.close(Duration.ofSeconds(30));
        }
        final KafkaStreams fresh = factory.get();
        fresh.cleanUp();
        fresh.start();
        return fresh;
    }

    /**
     * The task directories under {@code applicationStateDir} holding a RocksDB directory with a
     * write-ahead log ({@code NNNNNN.log}) but no {@code CURRENT} file: a database whose creation a
     * crash interrupted. RocksDB refuses to open it ("wal_dir contains existing log file").
     */
    public static List<Path> halfCreatedStores(final Path applicationStateDir) {
        if (!Files.isDirectory(applicationStateDir)) {
            return List.of();
        }
        try (Stream<Path> tasks = Files.list(applicationStateDir)) {
            return tasks.filter(Files::isDirectory).filter(StreamsDefaults::holdsHalfCreatedStore).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot list " + applicationStateDir, e);
        }
    }

    private static boolean holdsHalfCreatedStore(final Path taskDir) {
        try (Stream<Path> dirs = Files.walk(taskDir)) {
            return dirs.filter(Files::isDirectory).anyMatch(dir -> {
                try (Stream<Path> files = Files.list(dir)) {
                    final List<String> names = files.map(f -> f.getFileName().toString()).toList();
                    return !names.contains("CURRENT") && names.stream().anyMatch(n -> n.matches("\\d+\\.log"));
                } catch (final IOException e) {
                    throw new UncheckedIOException("Cannot list " + dir, e);
                }
            });
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot walk " + taskDir, e);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    /**
     * Closes {@code streams} and leaves the consumer group, so a restarted instance gets its
     * partitions at once instead of after the session timeout.
     *
     * @return whether all threads stopped within {@code timeout}
     */
    public static boolean close(final KafkaStreams streams, final Duration timeout) {
        final boolean closed = streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
        if (!closed) {
            LOG.warn("Kafka Streams did not close within {}", timeout);
        }
        return closed;
    }
}
