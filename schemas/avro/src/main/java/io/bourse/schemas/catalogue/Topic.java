package io.bourse.schemas.catalogue;

import io.bourse.schemas.serde.SpecificAvroSerde;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the exchange: its name, what its key means, its Avro value type, partition count
 * and cleanup policy. Keys are plain UTF-8 strings (user id or symbol), values Confluent-wire
 * Avro. Immutable; the full set is {@link Topics#ALL}.
 *
 * @param name the topic name, the only place it is written
 * @param key what the key holds, e.g. "user id"
 * @param valueType the generated Avro class of the values
 * @param partitioning how it is partitioned; {@link PartitionCounts} turns that into a count
 * @param compacted whether the topic keeps only the latest value per key
 * @param retentionMs retention for non-compacted topics, {@code -1} for unlimited
 */
public record Topic<V extends SpecificRecord>(
        String name, String key, Class<V> valueType, Partitioning partitioning, boolean compacted, long retentionMs) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(partitioning, "partitioning");
    }

    /** The partitions a cluster with {@link PartitionCounts#DEFAULT} counts gives this topic. */
    public int partitions() {
        return PartitionCounts.DEFAULT.applyAsInt(this);
    }

    /** The key serde: plain UTF-8 strings, readable by any tool. */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** A new value serde configured with {@code serdeConfig} (at least {@code schema.registry.url}). */
    public Serde<V> valueSerde(final Map<String, ?> serdeConfig) {
        final SpecificAvroSerde<V> serde = new SpecificAvroSerde<>(valueType);
        serde.configure(serdeConfig, false);
        return serde;
    }

    /** Topic-level settings to create it with. */
    public Map<String, String> configs() {
        if (compacted) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
    }

    /** The admin request creating this topic with {@code partitions} and {@code replicationFactor}. */
    public NewTopic newTopic(final int partitions, final short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs());
    }
}
