package io.bourse.schemas.catalogue;

import io.bourse.schemas.serde.SpecificAvroSerde;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * A named state store whose values are Avro records. Its changelog topic carries those records, so
 * the value schema evolves under the same BACKWARD rule as a topic's.
 */
public record Store<V extends SpecificRecord>(String name, Class<V> valueType) {

    public Store {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
    }

    /**
     * The changelog topic Kafka Streams keeps this store in, for the application {@code applicationId}.
     * Its one writer is the topology; a reader outside it (the notifications dispatcher follows the
     * preferences) reads committed records only.
     */
    public String changelogTopic(final String applicationId) {
        return applicationId + "-" + name + "-changelog";
    }

    /** A new value serde configured with {@code serdeConfig} (at least {@code schema.registry.url}). */
    public Serde<V> valueSerde(final Map<String, ?> serdeConfig) {
        final SpecificAvroSerde<V> serde = new SpecificAvroSerde<>(valueType);
        serde.configure(serdeConfig, false);
        return serde;
    }
}
