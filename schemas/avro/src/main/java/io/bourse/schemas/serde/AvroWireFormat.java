package io.bourse.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte {@code 0}, the schema id as a 4-byte big-endian int, then
 * the Avro binary encoding of the record.
 */
public final class AvroWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private AvroWireFormat() {
    }

    /** A buffer that already holds the header for schema {@code id}; write the Avro body after it. */
    public static ByteArrayOutputStream startRecord(final int id) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        writeHeader(out, id);
        return out;
    }

    /** Writes the header for schema {@code id} to {@code out}. */
    public static void writeHeader(final OutputStream out, final int id) {
        try {
            out.write(MAGIC_BYTE);
            out.write(id >>> 24);
            out.write(id >>> 16);
            out.write(id >>> 8);
            out.write(id);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema id in {@code bytes}' header. */
    public static int schemaId(final byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new MalformedRecordException("Record of " + bytes.length
                    + " bytes is too short for the Avro wire format (magic byte + 4-byte schema id)");
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new MalformedRecordException("Unknown magic byte " + bytes[0] + "; expected " + MAGIC_BYTE
                    + " (Confluent Avro wire format)");
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }
}
