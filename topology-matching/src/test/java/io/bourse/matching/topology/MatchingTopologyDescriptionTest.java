package io.bourse.matching.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.schemas.serde.SerdeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape is fixed in a golden file so that renaming a processor, store or topic (which
 * would orphan state and changelogs in production) is always a deliberate change. After an intended
 * change, regenerate with {@code ./mvnw -pl topology-matching test -Dbourse.updateGolden=true} and
 * review the diff.
 */
class MatchingTopologyDescriptionTest {

    private static final Path GOLDEN = Path.of("src/test/resources/matching-topology.txt");

    @Test
    void shouldMatchTheGoldenDescription() throws IOException {
        final String description = MatchingTopology.build(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://golden"))
                .describe().toString();
        if (Boolean.getBoolean("bourse.updateGolden")) {
            Files.writeString(GOLDEN, description, StandardCharsets.UTF_8);
        }
        assertThat(description).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }
}
