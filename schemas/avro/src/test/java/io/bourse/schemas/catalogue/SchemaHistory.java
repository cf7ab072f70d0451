package io.bourse.schemas.catalogue;

import io.bourse.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The released versions of every topic's value schema, kept as {@code history/<full name>/v<N>.avsc}
 * (self-contained, {@link Schema#toString(boolean) Schema.toString(true)} of the generated class).
 *
 * <p>{@link SchemaHistoryTest} holds the current schemas to them: each version must be BACKWARD
 * compatible with every earlier one (consumers on the new schema read everything already in the
 * topics), and the current schema must equal the newest version. After a deliberate schema change
 * run {@link #main} once to add the next version; nothing rewrites existing files.
 */
public final class SchemaHistory {

    /** The history folder, relative to the module directory (the working directory of its tests). */
    public static final Path DIR = Path.of("history");

    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    private SchemaHistory() {
    }

    /** The value schema of {@code topic}, as generated from {@code src/main/avro}. */
    public static Schema currentSchema(final Topic<?> topic) {
        return currentSchema(topic.valueType());
    }

    /** The schema of a generated class, as generated from {@code src/main/avro}. */
    public static Schema currentSchema(final Class<?> type) {
        return SpecificData.get().getSchema(type);
    }

    /** The file holding version {@code version} of {@code fullName}, relative to the module. */
    public static Path file(final Path dir, final String fullName, final int version) {
        return dir.resolve(fullName).resolve("v" + version + ".avsc");
    }

    /** The versions of {@code fullName}, oldest first; empty when there is none. */
    public static List<Schema> versions(final Path dir, final String fullName) {
        final Path folder = dir.resolve(fullName);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        final TreeMap<Integer, Path> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(folder)) {
            listing.forEach(path -> {
                final Matcher matcher = VERSION_FILE.matcher(path.getFileName().toString());
                if (!matcher.matches()) {
                    throw new IllegalStateException("Unexpected file in schema history: " + path);
                }
                files.put(Integer.parseInt(matcher.group(1)), path);
            });
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final List<Schema> versions = new ArrayList<>();
        for (final var entry : files.entrySet()) {
            if (entry.getKey() != versions.size() + 1) {
                throw new IllegalStateException("Schema history of " + fullName + " skips from v" + versions.size()
                        + " to v" + entry.getKey() + "; versions must be numbered 1, 2, 3, ...");
            }
            versions.add(parse(entry.getValue()));
        }
        return versions;
    }

    /**
     * Why {@code current} is not the newest version in {@code history}, naming the file to add, or
     * {@code null} when it is.
     */
    public static String missingVersion(final Path dir, final String fullName, final Schema current,
            final List<Schema> history) {
        if (!history.isEmpty() && current.equals(history.get(history.size() - 1))) {
            return null;
        }
        final int next = history.size() + 1;
        return "The schema of " + fullName + (history.isEmpty() ? " has no history" : " differs from v" + history.size())
                + ": add " + file(dir, fullName, next) + " holding Schema.toString(true) of the generated class"
                + " (run " + SchemaHistory.class.getName() + ".main), and keep the change BACKWARD compatible"
                + " with every earlier version (add fields with defaults; never remove a default or change a type)";
    }

    /** Every version, and {@code current}, that cannot read data written with an earlier version. */
    public static List<String> incompatibilities(final Path dir, final String fullName, final Schema current,
            final List<Schema> history) {
        final List<String> problems = new ArrayList<>();
        for (int i = 1; i < history.size(); i++) {
            final String problem = CompatibilityLevel.BACKWARD_TRANSITIVE.incompatibility(history.get(i), history.subList(0, i));
            if (problem != null) {
                problems.add(file(dir, fullName, i + 1) + " is not BACKWARD compatible with v1..v" + i + ": " + problem);
            }
        }
        final String problem = CompatibilityLevel.BACKWARD_TRANSITIVE.incompatibility(current, history);
        if (problem != null) {
            problems.add("The current schema of " + fullName + " is not BACKWARD compatible with v1..v" + history.size()
                    + " of " + dir.resolve(fullName) + ": " + problem);
        }
        return problems;
    }

    /**
     * Adds the next history version for every topic value type whose schema changed, if the change is
     * BACKWARD compatible. Run it from {@code schemas/avro}, or pass the history folder.
     */
    public static void main(final String[] args) throws IOException {
        final Path dir = args.length > 0 ? Path.of(args[0]) : DIR;
        final List<String> refused = new ArrayList<>();
        for (final Class<?> type : VersionedSchemas.ALL) {
            final Schema current = currentSchema(type);
            final String fullName = current.getFullName();
            final List<Schema> history = versions(dir, fullName);
            if (missingVersion(dir, fullName, current, history) == null) {
                continue;
            }
            final List<String> problems = incompatibilities(dir, fullName, current, history);
            if (!problems.isEmpty()) {
                refused.addAll(problems);
                continue;
            }
            final Path file = file(dir, fullName, history.size() + 1);
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + "\n", StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("Wrote no version for incompatible changes:\n" + String.join("\n", refused));
        }
    }

    private static Schema parse(final Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final RuntimeException e) {
            throw new IllegalStateException("Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }
}
