package io.bourse.schemas.serde;

import io.bourse.schemas.registry.RegisteredSchema;
import io.bourse.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format, registering the writer schema under
 * {@code <topic>-key|value} on first use (unless {@code auto.register.schemas=false}).
 *
 * <p>Bodies are written by a {@link RecordEncoder} plan where the schema allows one, else by Avro's
 * {@code SpecificDatumWriter}; either way into a per-thread buffer that is reused, so a record costs
 * one exact-size copy, not a fresh stream whose every byte takes a lock.
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final Map<Schema, BodyWriter<T>> writers = new ConcurrentHashMap<>();
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
        final Scratch scratch = SCRATCH.get();
        final BinaryEncoder encoder = scratch.start(cached);
        try {
            writers.computeIfAbsent(schema, SpecificAvroSerializer::bodyWriter).write(record, encoder);
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + schema.getFullName() + " for topic " + topic + ": " + e, e);
        }
        return scratch.out.toByteArray();
    }

    private static <T extends SpecificRecord> BodyWriter<T> bodyWriter(final Schema schema) {
        return RecordEncoder.forSchema(schema).<BodyWriter<T>>map(plan -> plan::encode)
                .orElseGet(() -> new SpecificDatumWriter<T>(schema)::write);
    }

    @FunctionalInterface
    private interface BodyWriter<T> {
        void write(T record, Encoder out) throws IOException;
    }

    /** One thread's output buffer and the encoder writing into it, both reused record after record. */
    private static final class Scratch {
        final Buffer out = new Buffer();
        private BinaryEncoder encoder;

        BinaryEncoder start(final int schemaId) {
            out.reset();
            AvroWireFormat.writeHeader(out, schemaId);
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            return encoder;
        }
    }

    /**
     * A growable byte buffer without {@code ByteArrayOutputStream}'s per-call locking. One unusually large record
     * does not pin its size on the thread: a buffer grown past {@link #RETAINED_CAPACITY} starts small again.
     */
    static final class Buffer extends OutputStream {
        static final int INITIAL_CAPACITY = 256;
        static final int RETAINED_CAPACITY = 64 * 1024;
        private byte[] bytes = new byte[INITIAL_CAPACITY];
        private int size;

        void reset() {
            size = 0;
            if (bytes.length > RETAINED_CAPACITY) {
                bytes = new byte[INITIAL_CAPACITY];
            }
        }

        int capacity() {
            return bytes.length;
        }

        @Override
        public void write(final int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(final byte[] source, final int offset, final int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(final int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
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
