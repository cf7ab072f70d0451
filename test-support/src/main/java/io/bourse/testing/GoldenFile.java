package io.bourse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text kept in a file under {@code src/test/resources/golden/} so that a change to it is deliberate,
 * e.g. a topology's {@code describe()}: renaming a processor, store or topic orphans state and
 * changelogs in production. After an intended change, rewrite the files and review the diff:
 * {@code ./mvnw -pl MODULE test -Dtest='*DescriptionTest' -Dbourse.updateGolden=true}.
 */
public final class GoldenFile {

    /** The system property that rewrites golden files instead of comparing. */
    public static final String UPDATE_PROPERTY = "bourse.updateGolden";

    private GoldenFile() {
    }

    /** The golden file {@code name} of the module whose tests run (Maven runs them in the module's folder). */
    public static Path of(final String name) {
        return Path.of("src/test/resources/golden", name);
    }

    /** Asserts that {@code actual} equals the file; with {@value #UPDATE_PROPERTY}, writes it first. */
    public static void assertMatches(final Path golden, final String actual) {
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertThat(actual)
                    .as("%s differs; if the change is intended, rerun with -D%s=true and review the diff", golden, UPDATE_PROPERTY)
                    .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read or write " + golden, e);
        }
    }
}
