package io.bourse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.connectors.worker.JdbcSinkExtension;
import io.bourse.embedded.EmbeddedMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the one table of {@code BOURSE_*} variables in {@code docs/operations.md} complete and true:
 * every variable that code, {@code application.yml}, the {@code ./bourse} script, the compose file, the
 * {@code Dockerfile}, the benchmark scripts or a page of the docs names has its row; the defaults the
 * table states are those {@code application.yml} and the script give; and the programs that read the
 * environment without Spring default as the node does.
 */
class ConfigurationTableTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern NAME = Pattern.compile("BOURSE_[A-Z0-9_]*[A-Z0-9](_\\*)?");
    /** {@code ${BOURSE_X:default}}, Spring's placeholder. */
    private static final Pattern SPRING_PLACEHOLDER = Pattern.compile("\\$\\{(BOURSE_[A-Z0-9_]+):(?!-)([^}]*)}");
    /** {@code ${BOURSE_X:-default}}, the shell's. */
    private static final Pattern SHELL_DEFAULT = Pattern.compile("\\$\\{(BOURSE_[A-Z0-9_]+):-([^}]*)}");
    private static final Path APPLICATION_YML = ROOT.resolve("edge-api/src/main/resources/application.yml");

    @Test
    void shouldListEveryVariableThatCodeScriptsOrDocsName() {
        final Map<String, Row> table = table();
        final Map<String, TreeSet<String>> missing = new TreeMap<>();
        named().forEach((name, where) -> {
            if (!covered(name, table.keySet())) {
                missing.put(name, where);
            }
        });
        assertThat(missing).as("BOURSE_* variables used but missing from the table in docs/operations.md (name: where)").isEmpty();
    }

    @Test
    void shouldStateTheDefaultsThatApplicationYmlAndTheScriptGive() {
        final Map<String, Row> table = table();
        final List<String> wrong = new ArrayList<>();
        final List<Path> springFiles = new ArrayList<>(List.of(APPLICATION_YML));
        springFiles.addAll(files(ROOT.resolve("launcher/src/main/java"), ".java"));
        for (final Path file : springFiles) {
            final Matcher placeholder = SPRING_PLACEHOLDER.matcher(read(file));
            while (placeholder.find()) {
                check(table, placeholder.group(1), placeholder.group(2), ROOT.relativize(file).toString(), wrong);
            }
        }
        final Matcher shell = SHELL_DEFAULT.matcher(read(ROOT.resolve("bourse")));
        while (shell.find()) {
            check(table, shell.group(1), shell.group(2), "bourse", wrong);
        }
        assertThat(wrong).as("defaults the table states otherwise than the code").isEmpty();
    }

    @Test
    void shouldGiveTheProgramsOutsideSpringTheNodesDefaults() {
        final Map<String, String> node = new LinkedHashMap<>();
        final Matcher placeholder = SPRING_PLACEHOLDER.matcher(read(APPLICATION_YML));
        while (placeholder.find()) {
            node.put(placeholder.group(1), placeholder.group(2));
        }
        assertThat(EmbeddedMain.DEFAULT_DATA_DIR).isEqualTo(node.get("BOURSE_DATA_DIR"));
        assertThat(String.valueOf(EmbeddedMain.DEFAULT_KAFKA_PORT)).isEqualTo(node.get("BOURSE_KAFKA_PORT"));
        assertThat(String.valueOf(EmbeddedMain.DEFAULT_REGISTRY_PORT)).isEqualTo(node.get("BOURSE_REGISTRY_PORT"));
        final Map<String, Row> table = table();
        assertThat(table).containsKey("BOURSE_POSTGRES_PORT");
        assertThat(table.get("BOURSE_POSTGRES_PORT").defaults()).contains("`" + JdbcSinkExtension.DEFAULT_POSTGRES_PORT + "`");
    }

    private static void check(final Map<String, Row> table, final String name, final String value, final String where,
            final List<String> wrong) {
        final Row row = table.get(name);
        if (row == null) {
            wrong.add(name + " (" + where + "): no row");
        } else if (value.isEmpty() ? !row.defaults().isBlank() : !row.defaults().contains("`" + value + "`")) {
            wrong.add(name + " (" + where + "): the table says '" + row.defaults() + "', the code '" + value + "'");
        }
    }

    /**
     * A name is covered by its own row, {@code BOURSE_KAFKA_CLIENT_SASL_MECHANISM} by {@code BOURSE_KAFKA_CLIENT_*}, and
     * a family such as {@code BOURSE_SMTP_*} by any row of its members.
     */
    private static boolean covered(final String name, final Set<String> rows) {
        if (name.endsWith("_*")) {
            final String prefix = name.substring(0, name.length() - 1);
            return rows.stream().anyMatch(row -> row.startsWith(prefix));
        }
        // A constant holding the family's prefix ("BOURSE_KAFKA_CLIENT_") is read without its last underscore.
        return rows.contains(name) || rows.stream().anyMatch(row -> row.endsWith("_*")
                && (name + "_").startsWith(row.substring(0, row.length() - 1)));
    }

    /** Every name in the places that set or read variables, and where each appears. */
    private static Map<String, TreeSet<String>> named() {
        final List<Path> files = new ArrayList<>();
        for (final Path module : list(ROOT)) {
            files.addAll(files(module.resolve("src/main"), ""));
        }
        files.addAll(files(ROOT.resolve("schemas/avro/src/main"), ""));
        files.addAll(files(ROOT.resolve("benchmarks"), ".sh"));
        files.addAll(files(ROOT.resolve("deploy"), ""));
        files.addAll(files(ROOT.resolve("docs"), ".md"));
        files.removeIf(file -> file.endsWith("docs/benchmarks-journal.md")); // a dated journal: past runs, past names
        files.addAll(List.of(ROOT.resolve("bourse"), ROOT.resolve("docker-compose.yml"), ROOT.resolve("Dockerfile"),
                ROOT.resolve("README.md")));
        final Map<String, TreeSet<String>> names = new TreeMap<>();
        for (final Path file : files) {
            final Matcher name = NAME.matcher(read(file));
            while (name.find()) {
                names.computeIfAbsent(name.group(), n -> new TreeSet<>()).add(ROOT.relativize(file).toString());
            }
        }
        assertThat(names).as("names found at all (is the repository at %s?)", ROOT).containsKey("BOURSE_DATA_DIR");
        return names;
    }

    /** The table's rows by variable: a row naming several variables is the row of each. */
    private static Map<String, Row> table() {
        final String operations = read(ROOT.resolve("docs/operations.md"));
        final int start = operations.indexOf("\n## Configuration\n");
        assertThat(start).as("the Configuration section of docs/operations.md").isNotNegative();
        final int end = operations.indexOf("\n## ", start + 1);
        final Map<String, Row> rows = new LinkedHashMap<>();
        for (final String line : operations.substring(start, end < 0 ? operations.length() : end).split("\n")) {
            if (!line.startsWith("| `BOURSE_")) {
                continue;
            }
            final String[] cells = line.split("\\|", -1);
            final Row row = new Row(cells[1].trim(), cells[2].trim());
            final Matcher name = NAME.matcher(row.variables());
            while (name.find()) {
                rows.put(name.group(), row);
            }
        }
        return rows;
    }

    private record Row(String variables, String defaults) {
    }

    private static List<Path> list(final Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(final Path dir, final String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/node_modules/")).toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(final Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
