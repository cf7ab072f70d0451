package io.bourse.schemas.streams;

import io.bourse.schemas.deadletter.DeadLetterDeserializationHandler;
import io.bourse.schemas.serde.SerdeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
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
        return config;
    }

    /**
     * Starts a Kafka Streams instance from {@code factory}. When its local state cannot even be
     * opened — a RocksDB directory that a {@code kill -9} left half-created, say — the instance is
     * closed, this application's local state is wiped, and a fresh instance from {@code factory} is
     * started; it restores every store from its changelog. Kafka is the system of record, and after
     * a crash under exactly-once Streams wipes and restores those stores anyway, so nothing is lost:
     * only the node no longer refuses to start until someone deletes the directory by hand.
     *
     * @param factory makes a new, not yet started instance (with its handlers set) each time it is called
     * @return the started instance
     */
    public static KafkaStreams start(final Supplier<KafkaStreams> factory) {
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
