package io.bourse.schemas.deadletter;

import io.bourse.avro.deadletter.DeadLetter;
import io.bourse.avro.deadletter.DeadLetterReason;
import io.bourse.schemas.registry.SchemaNotFoundException;
import io.bourse.schemas.registry.SchemaRegistryUnavailableException;
import io.bourse.schemas.serde.MalformedRecordException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.AvroTypeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Builds the {@link DeadLetter} describing a record that could not be read or processed. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** The stable reason code for {@code failure}. */
    public static DeadLetterReason reasonFor(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SchemaNotFoundException) {
                return DeadLetterReason.UNKNOWN_SCHEMA_ID;
            }
            if (t instanceof SchemaRegistryUnavailableException) {
                return DeadLetterReason.REGISTRY_UNAVAILABLE;
            }
            if (t instanceof AvroTypeException) {
                return DeadLetterReason.SCHEMA_MISMATCH;
            }
            if (t instanceof MalformedRecordException) {
                return t.getCause() instanceof AvroTypeException ? DeadLetterReason.SCHEMA_MISMATCH
                        : DeadLetterReason.MALFORMED_RECORD;
            }
        }
        return DeadLetterReason.PROCESSING_ERROR;
    }

    /** The dead letter for the record at {@code topic}/{@code partition}/{@code offset}. */
    public static DeadLetter of(final String application, final String topic, final int partition, final long offset,
            final long recordTimestampMs, final byte[] key, final byte[] value, final Headers headers,
            final Throwable failure, final Instant now) {
        final Map<String, ByteBuffer> headerMap = new HashMap<>();
        if (headers != null) {
            for (final Header header : headers) {
                headerMap.put(header.key(), ByteBuffer.wrap(header.value() == null ? new byte[0] : header.value()));
            }
        }
        return DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setApplication(application)
                .setErrorCode(reasonFor(failure))
                .setErrorMessage(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage())
                .setExceptionClass(failure.getClass().getName())
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setHeaders(headerMap)
                .setRecordTimestampMs(recordTimestampMs < 0 ? null : Instant.ofEpochMilli(recordTimestampMs))
                .setDeadLetteredAtMs(now)
                .build();
    }
}
