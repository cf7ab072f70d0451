package io.bourse.schemas.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A registry failure, carrying the Confluent error code ({@code 40403}, {@code 409}, ...).
 *
 * <p>It extends Kafka's {@link SerializationException} so that a serde failing on it is handled by
 * the same dead-letter path as malformed bytes.
 */
public class SchemaRegistryException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final int errorCode;

    public SchemaRegistryException(final int errorCode, final String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(final int errorCode, final String message, final Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The Confluent error code, e.g. 40401 subject not found, 40403 schema not found. */
    public int errorCode() {
        return errorCode;
    }
}
