package io.bourse.schemas.registry;

import org.apache.avro.Schema;

/** Parsing schema text that arrives from outside: any failure is an {@link InvalidSchemaException}. */
public final class AvroSchemas {

    private AvroSchemas() {
    }

    /**
     * Parses one self-contained schema. Avro 1.12 reports an unknown type name as a late
     * {@code NullPointerException} rather than a parse error; both become {@link InvalidSchemaException}.
     */
    public static Schema parse(final String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (final RuntimeException e) {
            throw new InvalidSchemaException("Invalid Avro schema: " + e.getMessage(), e);
        }
    }
}
