package io.bourse.schemas.registry;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API our serdes need.
 *
 * <p>Implementations throw {@link SchemaRegistryException} subtypes: {@link SchemaNotFoundException}
 * for an unknown id or subject, {@link IncompatibleSchemaException} when a registration breaks the
 * subject's compatibility level, {@link SchemaRegistryUnavailableException} when the registry cannot
 * be reached. They never return {@code null}.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the schema with the given global id. */
    Schema schemaById(int id);

    /** Returns the newest version registered under {@code subject}. */
    RegisteredSchema latest(String subject);

    /** Whether {@code schema} may be registered under {@code subject} at its compatibility level. */
    boolean isCompatible(String subject, Schema schema);
}
