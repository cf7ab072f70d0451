package io.bourse.notifications.topology;

import io.bourse.testing.GoldenFile;
import io.bourse.testing.streams.TopologyHarness;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape in a golden file, so that renaming a processor, store or topic (which would
 * orphan state and changelogs in production) is always deliberate. After an intended change:
 * {@code ./mvnw -pl topology-notifications test -Dtest=NotificationsTopologyDescriptionTest -Dbourse.updateGolden=true}, then
 * review the diff.
 */
class NotificationsTopologyDescriptionTest {

    static TopologyDescription describe() {
        try (TopologyHarness harness = new TopologyHarness("notifications-describe")) {
            return NotificationsTopology.build(NotificationsConfig.DEFAULTS, harness.serdeConfig()).describe();
        }
    }

    @Test
    void shouldMatchTheGoldenDescription() {
        GoldenFile.assertMatches(GoldenFile.of("notifications-topology.txt"), describe().toString());
    }
}
