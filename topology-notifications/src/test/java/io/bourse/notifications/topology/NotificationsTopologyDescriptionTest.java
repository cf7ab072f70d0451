package io.bourse.notifications.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.schemas.serde.SerdeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape in a golden file, so renaming a processor, store or topic is deliberate.
 * Regenerate after an intended change with {@code -Dbourse.updateGolden=true} and review the diff.
 */
class NotificationsTopologyDescriptionTest {

    private static final Path GOLDEN = Path.of("src/test/resources/notifications-topology.txt");

    @Test
    void shouldMatchTheGoldenDescription() throws IOException {
        final String description = NotificationsTopology.build(NotificationsConfig.DEFAULTS,
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://golden")).describe().toString();
        if (Boolean.getBoolean("bourse.updateGolden")) {
            Files.writeString(GOLDEN, description, StandardCharsets.UTF_8);
        }
        assertThat(description).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }
}
