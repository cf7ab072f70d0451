package io.bourse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.schemas.catalogue.Topic;
import io.bourse.schemas.catalogue.Topics;
import io.bourse.schemas.cluster.TopicProvisioner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("broker")
class ClusterReplicationTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldTakeTheExistingTopicsReplicasOrThreeCappedByTheBrokers() {
        assertThat(ClusterReplication.decide(1, List.of(), null)).isEqualTo((short) 1);
        assertThat(ClusterReplication.decide(5, List.of(), null)).isEqualTo((short) 3);
        assertThat(ClusterReplication.decide(2, List.of(), null)).isEqualTo((short) 2);
        assertThat(ClusterReplication.decide(5, List.of(2, 2), null)).isEqualTo((short) 2);
        assertThat(ClusterReplication.decide(5, List.of(1, 4), null)).isEqualTo((short) 4);
        assertThat(ClusterReplication.decide(1, List.of(3), null)).as("a broker lost since").isEqualTo((short) 1);
    }

    @Test
    void shouldPreferAnExplicitSettingButNeverExceedTheBrokers() {
        assertThat(ClusterReplication.decide(5, List.of(3), (short) 2)).isEqualTo((short) 2);
        assertThat(ClusterReplication.decide(5, List.of(), (short) 4)).isEqualTo((short) 4);
        assertThat(ClusterReplication.decide(1, List.of(1), (short) 3)).isEqualTo((short) 1);
        assertThatThrownBy(() -> ClusterReplication.decide(3, List.of(), (short) 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterReplication.decide(0, List.of(), null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldLearnOneReplicaFromASingleBrokerWhateverTheTopics() {
        final List<String> catalogue = Topics.ALL.stream().map(Topic::name).toList();
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, 0, 0).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(ClusterReplication.of(admin, catalogue, null)).as("no topics yet").isEqualTo((short) 1);

            new TopicProvisioner(admin, (short) 1, topic -> 1).ensure(List.of(Topics.TRADES_EXECUTED, Topics.ORDERS_EVENTS));

            assertThat(ClusterReplication.of(admin, catalogue, null)).isEqualTo((short) 1);
            assertThat(ClusterReplication.of(admin, catalogue, (short) 3)).isEqualTo((short) 1);
        }
    }
}
