package io.bourse.matching.topology;

import io.bourse.testing.GoldenFile;
import io.bourse.testing.streams.TopologyHarness;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape in a golden file, so that renaming a processor, store or topic (which would
 * orphan state and changelogs in production) is always deliberate. After an intended change:
 * {@code ./mvnw -pl topology-matching test -Dtest=MatchingTopologyDescriptionTest -Dbourse.updateGolden=true}, then
 * review the diff.
 */
class MatchingTopologyDescriptionTest {

    static TopologyDescription describe() {
        try (TopologyHarness harness = new TopologyHarness("matching-describe")) {
            return MatchingTopology.build(harness.serdeConfig()).describe();
        }
    }

    @Test
    void shouldMatchTheGoldenDescription() {
        GoldenFile.assertMatches(GoldenFile.of("matching-topology.txt"), describe().toString());
    }
}
