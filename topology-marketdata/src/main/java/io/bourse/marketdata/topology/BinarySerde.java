package io.bourse.marketdata.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact serde for internal store values: one format-version byte, then the fields written by
 * {@link Writer}. A reader gets the version, so a later format can still read earlier values; an
 * unknown version fails loudly rather than misread state.
 */
final class BinarySerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** Writes one value's fields. */
    @FunctionalInterface
    interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    /** Reads one value's fields written in format {@code version}. */
    @FunctionalInterface
    interface Reader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    private final String typeName;
    private final int version;
    private final Writer<T> writer;
    private final Reader<T> reader;

    BinarySerde(final String typeName, final int version, final Writer<T> writer, final Reader<T> reader) {
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.version = version;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** The format version this serde writes. */
    int version() {
        return version;
    }

    @Override
    public byte[] serialize(final String topic, final T value) {
        if (value == null) {
            return null;
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(out, value);
        } catch (final IOException e) {
            throw new SerializationException("Cannot write " + typeName, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            final int dataVersion = in.readUnsignedByte();
            if (dataVersion < 1 || dataVersion > version) {
                throw new SerializationException("Unknown " + typeName + " format version " + dataVersion
                        + "; this build reads 1.." + version);
            }
            final T value = reader.read(in, dataVersion);
            if (in.available() != 0) {
                throw new SerializationException("Trailing bytes after a " + typeName + " value");
            }
            return value;
        } catch (final IOException e) {
            throw new SerializationException("Cannot read " + typeName, e);
        }
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        // Nothing to configure: the format is fixed by the code.
    }

    @Override
    public void close() {
        // Holds no resources.
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
