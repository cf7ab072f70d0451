package io.bourse.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** Bytes that are not a record in the Confluent Avro wire format, or do not decode with its schema. */
public final class MalformedRecordException extends SerializationException {

    private static final long serialVersionUID = 1L;

    public MalformedRecordException(final String message) {
        super(message);
    }

    public MalformedRecordException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
