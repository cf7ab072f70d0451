package io.bourse.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's compatibility levels, checked with Avro's own {@link SchemaCompatibility}.
 *
 * <p>BACKWARD: consumers using the new schema can read data written with the previous one.
 * FORWARD: consumers using the previous schema can read data written with the new one.
 * FULL: both. The {@code _TRANSITIVE} variants check against every earlier version, not only the
 * latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(final boolean backward, final boolean forward, final boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /**
     * Whether {@code candidate} may follow {@code previous} (oldest first).
     *
     * @return {@code null} when compatible, otherwise a message naming the first incompatibility
     */
    public String incompatibility(final Schema candidate, final List<Schema> previous) {
        if (previous.isEmpty() || this == NONE) {
            return null;
        }
        final List<Schema> toCheck = transitive ? previous : List.of(previous.get(previous.size() - 1));
        for (final Schema old : toCheck) {
            if (backward) {
                final String problem = problem(candidate, old);
                if (problem != null) {
                    return "new schema cannot read data written with an earlier one: " + problem;
                }
            }
            if (forward) {
                final String problem = problem(old, candidate);
                if (problem != null) {
                    return "an earlier schema cannot read data written with the new one: " + problem;
                }
            }
        }
        return null;
    }

    private static String problem(final Schema reader, final Schema writer) {
        final var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .findFirst()
                .orElse(result.getCompatibility().name());
    }
}
