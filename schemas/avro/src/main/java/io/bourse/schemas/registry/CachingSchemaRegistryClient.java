package io.bourse.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Caches what never changes in a registry: the id of a (subject, schema) registration and the
 * schema behind an id. {@link #latest} and {@link #isCompatible} always ask the registry.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public CachingSchemaRegistryClient(final SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(final String subject, final Schema schema) {
        final Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        final Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        final int id = delegate.register(subject, schema);
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(final int id) {
        final Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        final Schema schema = delegate.schemaById(id);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        return delegate.latest(subject);
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        return delegate.isCompatible(subject, schema);
    }
}
