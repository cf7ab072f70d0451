package io.bourse.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's bookkeeping: subjects with their versions, global ids, compatibility levels.
 *
 * <p>Shared by the in-memory {@code mock://} registry and the in-process HTTP registry. The same
 * schema text gets the same global id under every subject; registering an already registered
 * schema returns the existing version. A change becomes visible only after the {@link Journal}
 * accepted it, so a registry that persists through the journal never serves an id it could lose.
 * All methods are thread-safe.
 */
public final class SchemaRegistryState {

    /** Durable storage for changes, written before they become visible. */
    public interface Journal {
        Journal NONE = new Journal() {
            @Override
            public void schemaRegistered(final RegisteredSchema schema) {
            }

            @Override
            public void compatibilityChanged(final String subject, final CompatibilityLevel level) {
            }
        };

        void schemaRegistered(RegisteredSchema schema);

        /** {@code subject} is {@code null} for the global level. */
        void compatibilityChanged(String subject, CompatibilityLevel level);
    }

    private final Map<String, List<RegisteredSchema>> subjects = new TreeMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    public SchemaRegistryState(final CompatibilityLevel globalLevel) {
        this.globalLevel = globalLevel;
    }

    /** Registers {@code schema} under {@code subject}, or returns the version that already holds it. */
    public synchronized RegisteredSchema register(final String subject, final Schema schema, final Journal journal) {
        final Optional<RegisteredSchema> existing = lookup(subject, schema);
        if (existing.isPresent()) {
            return existing.get();
        }
        final String problem = incompatibility(subject, schema);
        if (problem != null) {
            throw new IncompatibleSchemaException("Schema being registered is incompatible with an earlier schema for subject '"
                    + subject + "' at level " + level(subject) + ": " + problem);
        }
        final List<RegisteredSchema> versions = subjects.getOrDefault(subject, List.of());
        final int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        final int id = idsByText.getOrDefault(schema.toString(), maxId + 1);
        final RegisteredSchema registered = new RegisteredSchema(subject, version, id, schema);
        journal.schemaRegistered(registered);
        apply(registered);
        return registered;
    }

    /** Applies a change read back from the journal; applying the same change twice is harmless. */
    public synchronized void apply(final RegisteredSchema registered) {
        final List<RegisteredSchema> versions = subjects.computeIfAbsent(registered.subject(), s -> new ArrayList<>());
        if (versions.stream().anyMatch(v -> v.version() == registered.version())) {
            return;
        }
        versions.add(registered);
        versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
        schemasById.putIfAbsent(registered.id(), registered.schema());
        idsByText.putIfAbsent(registered.schema().toString(), registered.id());
        maxId = Math.max(maxId, registered.id());
    }

    public synchronized void applyCompatibility(final String subject, final CompatibilityLevel level) {
        if (subject == null) {
            globalLevel = level;
        } else {
            subjectLevels.put(subject, level);
        }
    }

    public synchronized void setCompatibility(final String subject, final CompatibilityLevel level, final Journal journal) {
        journal.compatibilityChanged(subject, level);
        applyCompatibility(subject, level);
    }

    public synchronized Optional<RegisteredSchema> lookup(final String subject, final Schema schema) {
        final String text = schema.toString();
        return subjects.getOrDefault(subject, List.of()).stream()
                .filter(v -> v.schema().toString().equals(text))
                .findFirst();
    }

    public synchronized Schema schemaById(final int id) {
        final Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException(SchemaNotFoundException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    public synchronized RegisteredSchema latest(final String subject) {
        final List<RegisteredSchema> versions = versionsOf(subject);
        return versions.get(versions.size() - 1);
    }

    public synchronized RegisteredSchema version(final String subject, final int version) {
        return versionsOf(subject).stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .orElseThrow(() -> new SchemaNotFoundException(SchemaNotFoundException.VERSION_NOT_FOUND,
                        "Version " + version + " not found."));
    }

    public synchronized List<Integer> versionNumbers(final String subject) {
        return versionsOf(subject).stream().map(RegisteredSchema::version).toList();
    }

    public synchronized List<String> subjectNames() {
        return List.copyOf(subjects.keySet());
    }

    public synchronized CompatibilityLevel level(final String subject) {
        return subject == null ? globalLevel : subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** {@code null} when {@code schema} may be registered under {@code subject}, else the reason. */
    public synchronized String incompatibility(final String subject, final Schema schema) {
        final List<Schema> previous = subjects.getOrDefault(subject, List.of()).stream()
                .map(RegisteredSchema::schema)
                .toList();
        return level(subject).incompatibility(schema, previous);
    }

    private List<RegisteredSchema> versionsOf(final String subject) {
        final List<RegisteredSchema> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaNotFoundException(SchemaNotFoundException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }
}
