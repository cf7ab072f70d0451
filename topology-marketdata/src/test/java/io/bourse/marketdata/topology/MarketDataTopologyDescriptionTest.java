package io.bourse.marketdata.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.schemas.catalogue.MarketDataNames;
import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.testing.GoldenFile;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape in a golden file, so that renaming a processor, store or topic (which would
 * orphan state and changelogs in production) is always deliberate. After an intended change:
 * {@code ./mvnw -pl topology-marketdata test -Dtest=MarketDataTopologyDescriptionTest -Dbourse.updateGolden=true}, then
 * review the diff.
 */
class MarketDataTopologyDescriptionTest {

    static TopologyDescription describe() {
        final String registryUrl = "mock://marketdata-describe-" + UUID.randomUUID();
        try {
            return MarketDataTopology.build(MarketDataConfig.defaults(), Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl)).describe();
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
    void shouldMatchTheGoldenDescription() {
        GoldenFile.assertMatches(GoldenFile.of("marketdata-topology.txt"), describe().toString());
    }
}
