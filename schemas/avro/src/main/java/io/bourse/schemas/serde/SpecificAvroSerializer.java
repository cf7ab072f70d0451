package io.bourse.schemas.serde;

import io.bourse.schemas.registry.RegisteredSchema;
import io.bourse.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format, registering the writer schema under
 * {@code <topic>-key|value} on first use (unless {@code auto.register.schemas=false}).
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
    /** Schema ids by topic, then by schema (a generated class's schema is one object, so lookups are cheap). */
    private final Map<String, Map<Schema, Integer>> idsByTopic = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister = true;

    public SpecificAvroSerializer() {
    }

    /** A serializer already bound to {@code registry}, for code that holds a client. */
    public SpecificAvroSerializer(final SchemaRegistryClient registry, final boolean isKey) {
        this.registry = registry;
        this.isKey = isKey;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        this.registry = SerdeConfig.registry(configs);
        this.isKey = isKey;
        this.autoRegister = SerdeConfig.autoRegister(configs);
    }

    @Override
    public byte[] serialize(final String topic, final T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("SpecificAvroSerializer used before configure()");
        }
        final Schema schema = record.getSchema();
        final Map<Schema, Integer> ids = idsByTopic.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached == null) {
            cached = schemaId(SerdeConfig.subject(topic, isKey), schema);
            ids.put(schema, cached);
        }
        final int id = cached;
        final ByteArrayOutputStream out = AvroWireFormat.startRecord(id);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(record, encoder);
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + schema.getFullName() + " for topic " + topic + ": " + e, e);
        }
        return out.toByteArray();
    }

    private int schemaId(final String subject, final Schema schema) {
        final int id;
        if (autoRegister) {
            id = registry.register(subject, schema);
        } else {
            final RegisteredSchema latest = registry.latest(subject);
            if (!latest.schema().equals(schema)) {
                throw new SerializationException("Schema " + schema.getFullName() + " is not the latest registered under '"
                        + subject + "' and auto.register.schemas is false");
            }
            id = latest.id();
        }
        return id;
    }
}
