package io.bourse.portfolio.topology;

import io.bourse.testing.GoldenFile;
import io.bourse.testing.streams.TopologyHarness;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape in a golden file, so that renaming a processor, store or topic (which would
 * orphan state and changelogs in production) is always deliberate. After an intended change:
 * {@code ./mvnw -pl topology-portfolio test -Dtest=PortfolioTopologyDescriptionTest -Dbourse.updateGolden=true}, then
 * review the diff.
 */
class PortfolioTopologyDescriptionTest {

    static TopologyDescription describe() {
        try (TopologyHarness harness = new TopologyHarness("portfolio-describe")) {
            return PortfolioTopology.build(PortfolioConfig.DEFAULTS, harness.serdeConfig()).describe();
        }
    }

    @Test
    void shouldMatchTheGoldenDescription() {
        GoldenFile.assertMatches(GoldenFile.of("portfolio-topology.txt"), describe().toString());
    }
}
