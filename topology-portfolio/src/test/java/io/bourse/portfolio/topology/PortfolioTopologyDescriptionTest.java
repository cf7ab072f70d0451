package io.bourse.portfolio.topology;

import io.bourse.schemas.registry.SchemaRegistryClients;
import io.bourse.schemas.serde.SerdeConfig;
import io.bourse.testing.GoldenFile;
import java.util.Map;
import java.util.UUID;
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
        final String registryUrl = "mock://portfolio-describe-" + UUID.randomUUID();
        try {
            return PortfolioTopology.build(PortfolioConfig.DEFAULTS, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl)).describe();
        } finally {
            SchemaRegistryClients.dropMockScope(registryUrl);
        }
    }

    @Test
    void shouldMatchTheGoldenDescription() {
        GoldenFile.assertMatches(GoldenFile.of("portfolio-topology.txt"), describe().toString());
    }
}
