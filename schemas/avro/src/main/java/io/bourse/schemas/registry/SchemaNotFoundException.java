package io.bourse.schemas.registry;

/** The registry knows no such schema id, subject or version. */
public final class SchemaNotFoundException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;

    public SchemaNotFoundException(final int errorCode, final String message) {
        super(errorCode, message);
    }
}
