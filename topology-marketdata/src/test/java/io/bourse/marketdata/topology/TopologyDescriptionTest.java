package io.bourse.marketdata.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code Topology.describe()} in a golden file so that renaming a node or store, or rewiring
 * the graph, is a deliberate change. To accept a change, regenerate the file and review its diff:
 * <pre>
 * mvn -pl topology-marketdata -am test -Dtest=TopologyDescriptionTest -Dsurefire.failIfNoSpecifiedTests=false -Dbourse.golden.update=true
 * </pre>
 */
class TopologyDescriptionTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/marketdata-topology.txt");
    private static final String UPDATE_PROPERTY = "bourse.golden.update";

    @Test
    void shouldDescribeTheTopologyAsInTheGoldenFile() throws IOException {
        final String registryUrl = "mock://marketdata-describe-" + UUID.randomUUID();
        final String description;
        try {
            description = MarketDataTopology.build(MarketDataConfig.defaults(), Map.of("schema.registry.url", registryUrl))
                    .describe().toString();
        } finally {
            SchemaRegistryClients.dropMockScope(registryUrl);
        }
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, description, StandardCharsets.UTF_8);
        }

        assertThat(description)
                .as("Topology.describe() differs from %s; if intended, rerun with -D%s=true and review the diff", GOLDEN, UPDATE_PROPERTY)
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }
}
