package io.bourse.schemas.registry;

/** The registry could not be reached or failed internally; the request may succeed later. */
public final class SchemaRegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int ERROR_CODE = 50001;

    public SchemaRegistryUnavailableException(final String message, final Throwable cause) {
        super(ERROR_CODE, message, cause);
    }
}
