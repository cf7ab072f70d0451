package io.bourse.schemas.serde;

import io.bourse.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro into the generated class {@code T}, resolving the writer schema
 * (looked up by id) against {@code T}'s schema, so older and newer writers both decode.
 *
 * <p>Fails with {@link MalformedRecordException} for bytes that are not such a record, and with a
 * {@link io.bourse.schemas.registry.SchemaRegistryException} subtype when the id is unknown or the
 * registry is unreachable: typed errors the dead-letter handler tells apart.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    /**
     * Avro's decoding limits, read once when Avro first needs them. Without a bound, a corrupt length
     * prefix (an array "of 268 million items" in 14 bytes) allocates until OutOfMemoryError kills the
     * stream thread; with one, decoding fails with an exception and the record is dead-lettered.
     * Values set on the command line win.
     */
    static final Map<String, String> DECODING_LIMITS = Map.of(
            "org.apache.avro.limits.collectionItems.maxLength", "1000000",
            "org.apache.avro.limits.bytes.maxLength", "16777216",
            "org.apache.avro.limits.string.maxLength", "16777216");

    static {
        DECODING_LIMITS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }

    private final Class<T> type;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;

    public SpecificAvroDeserializer(final Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.readerSchema = SpecificData.get().getSchema(type);
    }

    /** A deserializer already bound to {@code registry}, for code that holds a client. */
    public SpecificAvroDeserializer(final Class<T> type, final SchemaRegistryClient registry) {
        this(type);
        this.registry = registry;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        this.registry = SerdeConfig.registry(configs);
    }

    @Override
    public T deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("SpecificAvroDeserializer used before configure()");
        }
        final int writerId = AvroWireFormat.schemaId(bytes);
        final SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(writerId,
                id -> new SpecificDatumReader<>(registry.schemaById(id), readerSchema));
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, AvroWireFormat.HEADER_SIZE,
                bytes.length - AvroWireFormat.HEADER_SIZE, null);
        final T record;
        try {
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new MalformedRecordException("Trailing bytes after a " + type.getSimpleName()
                        + " record (schema id " + writerId + ") on topic " + topic);
            }
        } catch (final IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new MalformedRecordException("Cannot decode " + type.getSimpleName() + " (schema id " + writerId
                    + ") from topic " + topic + ": " + e, e);
        }
        return record;
    }
}
