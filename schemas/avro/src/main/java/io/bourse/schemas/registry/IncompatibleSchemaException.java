package io.bourse.schemas.registry;

/** A registration was refused because it breaks the subject's compatibility level. */
public final class IncompatibleSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int ERROR_CODE = 409;

    public IncompatibleSchemaException(final String message) {
        super(ERROR_CODE, message);
    }
}
