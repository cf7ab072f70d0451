package io.bourse.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Directories for tests whose data outlives the test class: a cached Spring context keeps its
 * embedded broker writing until the JVM exits, so nothing can delete them in time. They go under
 * the module's {@code target/test-data}, which {@code mvn clean} removes, not into the machine's
 * temp directory, where runs would pile up.
 */
public final class TestData {

    private TestData() {
    }

    public static Path directory(final String prefix) {
        try {
            final Path base = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(base, prefix).toAbsolutePath();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
