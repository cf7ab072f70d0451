package io.bourse.schemas.cluster;

import java.util.Map;

/**
 * The one way the programs that run without Spring (the embedded broker's {@code ./bourse infra}, the
 * launcher's extensions such as the analytics database, the analytics migration, the stand-alone
 * notification dispatcher) read their {@code BOURSE_*} variables: an unset or blank variable is absent,
 * a number that does not parse is an error naming the variable. The node reads the same names
 * through Spring ({@code application.yml}); every variable, its default and its meaning is in the table of
 * {@code docs/operations.md}, which a test keeps complete.
 *
 * @param variables the environment (a map, so tests can pass their own)
 */
public record BourseEnvironment(Map<String, String> variables) {

    public BourseEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The process's own environment. */
    public static BourseEnvironment system() {
        return new BourseEnvironment(System.getenv());
    }

    /** The value of {@code name}, or {@code null} when it is unset or blank. */
    public String get(final String name) {
        final String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** The value of {@code name}, or {@code otherwise} when it is unset or blank. */
    public String get(final String name, final String otherwise) {
        final String value = get(name);
        return value == null ? otherwise : value;
    }

    /** The whole number {@code name} holds, or {@code otherwise} when it is unset or blank. */
    public int integer(final String name, final int otherwise) {
        final String value = get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, not '" + value + "'", e);
        }
    }

    /** Whether {@code name} is {@code true} (in any case; any other value is false); {@code otherwise} when it is unset or blank. */
    public boolean flag(final String name, final boolean otherwise) {
        final String value = get(name);
        return value == null ? otherwise : Boolean.parseBoolean(value);
    }

    /** The value of {@code name}; fails, saying {@code why} it is needed, when it is unset or blank. */
    public String required(final String name, final String why) {
        final String value = get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set " + why);
        }
        return value;
    }
}
