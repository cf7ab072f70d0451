package io.bourse.marketdata.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.schemas.catalogue.MarketDataNames;
import io.bourse.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
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

    private static TopologyDescription describe() {
        final String registryUrl = "mock://marketdata-describe-" + UUID.randomUUID();
        try {
            return MarketDataTopology.build(MarketDataConfig.defaults(), Map.of("schema.registry.url", registryUrl)).describe();
        } finally {
            SchemaRegistryClients.dropMockScope(registryUrl);
        }
    }

    @Test
    void shouldUseEveryCatalogueStoreAndNoOtherInOneSubTopology() {
        final TopologyDescription description = describe();

        assertThat(description.subtopologies()).hasSize(1);
        final Set<String> stores = description.subtopologies().iterator().next().nodes().stream()
                .filter(TopologyDescription.Processor.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .collect(Collectors.toSet());
        assertThat(stores).containsExactlyInAnyOrderElementsOf(MarketDataNames.ALL_STORES);
    }

    @Test
    void shouldDescribeTheTopologyAsInTheGoldenFile() throws IOException {
        final String description = describe().toString();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, description, StandardCharsets.UTF_8);
        }

        assertThat(description)
                .as("Topology.describe() differs from %s; if intended, rerun with -D%s=true and review the diff", GOLDEN, UPDATE_PROPERTY)
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }
}
