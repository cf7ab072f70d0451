package io.bourse.marketdata.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.schemas.catalogue.MarketDataNames;
import io.bourse.testing.GoldenFile;
import io.bourse.testing.streams.TopologyHarness;
import java.util.Set;
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
        try (TopologyHarness harness = new TopologyHarness("marketdata-describe")) {
            return MarketDataTopology.build(MarketDataConfig.defaults(), harness.serdeConfig()).describe();
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
