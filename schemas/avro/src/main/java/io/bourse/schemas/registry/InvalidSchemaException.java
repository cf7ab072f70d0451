package io.bourse.schemas.registry;

/** The submitted text is not a valid Avro schema. */
public final class InvalidSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int ERROR_CODE = 42201;

    public InvalidSchemaException(final String message, final Throwable cause) {
        super(ERROR_CODE, message, cause);
    }
}
