package io.bourse.schemas.registry;

import org.apache.avro.Schema;

/** A registry held in memory, for {@code mock://} URLs in tests; BACKWARD compatibility by default. */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final SchemaRegistryState state;

    public InMemorySchemaRegistryClient() {
        this(new SchemaRegistryState(CompatibilityLevel.BACKWARD));
    }

    public InMemorySchemaRegistryClient(final SchemaRegistryState state) {
        this.state = state;
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return state.register(subject, schema, SchemaRegistryState.Journal.NONE).id();
    }

    @Override
    public Schema schemaById(final int id) {
        return state.schemaById(id);
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        return state.latest(subject);
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        return state.incompatibility(subject, schema) == null;
    }
}
